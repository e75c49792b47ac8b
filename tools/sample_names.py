"""City names for the synthetic data in many scripts (Latin with accents, Greek, Cyrillic, Han,
Hangul, Arabic, Hebrew, Devanagari, Thai), each with an ASCII romanisation the folder name (slug)
is made from."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from macros.layout import SLUG_LENGTH

# ---------------------------------------------------------------------------------------------
# Names: each part is (native text, ASCII romanisation).

Part = tuple[str, str]


def _pairs(text: str) -> list[Part]:
    """'native=roman native=roman …' → pairs (compact tables below)."""
    return [tuple(item.split("=", 1)) for item in text.split()]  # type: ignore[misc]


def _words(text: str) -> list[Part]:
    """Latin-script words: the romanisation is derived from the text itself."""
    return [(w.replace("_", " "), w.replace("_", " ")) for w in text.split()]


@dataclass(frozen=True)
class Culture:
    script: str
    countries: tuple[str, ...]
    weight: int
    make_name: Callable[[random.Random], Part]
    make_region: Callable[[random.Random], Part]
    # The BCP 47 language tag a city of each country (same order) declares in city.yaml.
    languages: tuple[str, ...] = ()

    def language(self, country: str) -> str:
        return self.languages[self.countries.index(country)]


def _join(*parts: Part, sep: str = "", roman_sep: str | None = None) -> Part:
    roman_sep = sep if roman_sep is None else roman_sep
    return sep.join(p[0] for p in parts if p[0]), roman_sep.join(p[1] for p in parts if p[1])


# Latin script, by language. Second parts are lower case where they join the first.
_PT = (
    _words("São_ Santa_ Vila_ Porto_ Nova_ Campo_"),
    _words(
        "Conceição Araçá Itaúna Guaíra Jacareí Caçapava Monção Bragança Ribeirão Paraíso Jaú Iporã "
        "Cajazeiras Tauá Piraí Itapetininga Goiânia Maracanã Sapucaí Juruá"
    ),
    _words("_do_Sul _da_Serra _dos_Campos _do_Norte _de_Minas _das_Águas"),
)
_ES = (
    _words("San_ Santa_ Villa_ Puerto_ Nueva_ Villanueva_de_"),
    _words(
        "Cáceres Peñalba Logroño Almería Jaén Ávila Mérida Cuéllar Begoña Úbeda Ibarrón Alcañiz "
        "Maracaibo Tehuacán Ciénaga Pátzcuaro Chañaral Ñuñoa Quibdó Huancayo"
    ),
    _words("_de_la_Sierra _del_Río _de_los_Ángeles _del_Mar _de_Arriba"),
)
_FR = (
    _words("Saint- Sainte- Mont- Val-d’ Bourg- Château- Pont-"),
    _words(
        "Aubière Évreux Orléans Pézenas Crécy Sérignan Lège Bègles Forêt Aigues Noël Mâcon Épinal "
        "Cléry Hérault Sète Gémenos Rhône Éguilles Vénissieux"
    ),
    _words("-sur-Loire -lès-Bains -en-Provence -le-Château -sur-Mer -la-Forêt"),
)
_DE_A = _words("Groß Klein Neu Ober Unter Alt Schön Wald Rosen Fürsten Königs Mühl Tann Bären Grün")
_DE_B = _words("münden brück hausen bühl döbern feld höfen wörth lübbe stätten rode weiler ach gmünd büttel")
_PL_A = _words("Biała Nowa Stara Zielona Wólka Środa Wola Dąbrówka Sucha Wielka Mała Góra")
_PL_B = _words("Łąka Wieś Dąbrowa Świątniki Żabno Kępa Łęczyca Płońsk Brzózka Grądy Źródła Mściwój")
_NO_A = _words("Øster Vester Nord Sør Ås Lille Store Bjørk Fjell Sjø Å Grøn")
_NO_B = _words("vik bø dal strand fjord øy hamn åker sund nes lia mo")
_SE_A = _words("Öster Väster Norr Söder Åsa Lilla Stora Björk Sjö Ängel Håll Älv")
_SE_B = _words("köping hamn åker by vik sund ryd torp ås holm näs fors")
_TR_A = _words("Kızıl Akça Yeşil Güzel Çamlı Eski Yeni Karaağaç Gökçe Sarı Ilıca Söğüt")
_TR_B = _words("ırmak dere köy şehir ova bahçe pınar yayla kaya çay özü tepe")
_VI_A = _words("Hòa Phú Tân Thạnh Long Bình Đông Hải Vĩnh Quảng Nghĩa Cẩm")
_VI_B = _words("Mỹ Lộc Thuận Xuyên Hưng An Điền Phước Sơn Giang Ninh Thành")
_CZ_A = _words("Horní Dolní Nové Staré Velké Malé Vysoké Dlouhá Černá Bílá")
_CZ_B = _words("Město Údolí Hradiště Březí Žďár Čermná Lhota Kostelec Řečice Třebová Ves Mýto")
_EN_A = _words("Ash Bram Cole Dun Fair Glen Hart Kings Lang Mill Oak Red Stan Thorn Wick Wood Brook")
_EN_B = _words("ford bridge haven field ley mouth ton wich worth borough stead combe dale by port")
_EN_PRE = _words("North_ South_ East_ West_ Port_ New_ Upper_ Lower_ Fort_ Mount_")
_EN_SUF = _words("_Bay _Falls _Heights _Springs _Harbour _Creek")

# Greek: a capitalised first syllable, middle syllables, an ending (final ς only in endings).
_EL_A = _pairs("Κα=Ka Θε=The Νι=Ni Πο=Po Ξα=Xa Λα=La Με=Me Σα=Sa Δι=Di Αρ=Ar Ευ=Ev Φι=Fi Χα=Cha Ψα=Psa Τρι=Tri Κο=Ko")
_EL_M = _pairs("λα=la ρί=ri μά=ma τα=ta πο=po λη=li ξη=xi ρα=ra νό=no στα=sta κυ=ky μο=mo θο=tho δρα=dra")
_EL_E = _pairs("πολη=poli ία=ia ος=os ες=es ιο=io άδα=ada ούσα=ousa αίο=aio ώνα=ona ίτσα=itsa")
_EL_PRE = _pairs("Νέα_=Nea_ Άνω_=Ano_ Κάτω_=Kato_ Άγιος_=Agios_ Παλαιά_=Palaia_ Μεγάλη_=Megali_")
_EL_REGION = _pairs("Περιφέρεια=Periferia Νομός=Nomos")

# Cyrillic (Bulgarian, Serbian, Ukrainian, Russian, Macedonian, Kazakh, Belarusian spellings alike).
_CY_A = _pairs(
    "Бе=Be Ве=Ve Зла=Zla Кра=Kra Ми=Mi Но=No Пре=Pre Сто=Sto Яро=Yaro Жи=Zhi Бо=Bo Гор=Gor Дра=Dra "
    "Лю=Lyu Свя=Svya Чер=Cher"
)
_CY_M = _pairs("ли=li ро=ro га=ga мир=mir сла=sla до=do ни=ni ве=ve бо=bo ле=le ку=ku ти=ti")
_CY_E = _pairs("град=grad ово=ovo ица=itsa ск=sk поль=pol ец=ets ино=ino ево=evo ище=ishche ня=nya бург=burg")
_CY_PRE = _pairs("Нови_=Novi_ Стара_=Stara_ Велико_=Veliko_ Горни_=Gorni_ Долни_=Dolni_ Красни_=Krasni_")
_CY_REGION = _pairs("област=oblast край=krai округ=okrug")

# Han characters (Japanese with readings), simplified and traditional Chinese (pinyin), Hangul.
_JA = _pairs(
    "山=yama 川=kawa 田=ta 中=naka 島=shima 松=matsu 本=moto 井=i 浜=hama 橋=hashi 森=mori 宮=miya "
    "石=ishi 野=no 原=hara 岡=oka 北=kita 南=minami 西=nishi 東=higashi 高=taka 大=o 小=ko 長=naga 新=shin "
    "和=wa 若=waka 鶴=tsuru"
)
_JA_SUF = _pairs("市=-shi 町=-machi 村=-mura")
_JA_REGION = _pairs("県=-ken 府=-fu")
_ZH = _pairs(
    "江=jiang 河=he 山=shan 东=dong 西=xi 南=nan 北=bei 安=an 平=ping 阳=yang 州=zhou 宁=ning 海=hai "
    "湖=hu 城=cheng 新=xin 昌=chang 德=de 兴=xing 华=hua 丰=feng 泉=quan 林=lin 云=yun 桂=gui 通=tong"
)
_ZH_TRAD = {"东": "東", "阳": "陽", "宁": "寧", "华": "華", "兴": "興", "丰": "豐", "云": "雲"}
_KO = _pairs(
    "가=ga 남=nam 동=dong 산=san 성=seong 양=yang 천=cheon 주=ju 포=po 원=won 안=an 청=cheong 광=gwang "
    "해=hae 진=jin 영=yeong 강=gang 평=pyeong"
)
_KO_SUF = _pairs("시=-si 군=-gun 읍=-eup")

# Right-to-left scripts: Arabic and Hebrew.
_AR = _pairs(
    "زهراء=zahra نور=nur رمال=rimal واحة=waha جبل=jabal بحر=bahr سلام=salam خليج=khalij نخيل=nakhil "
    "قمر=qamar ريان=rayyan شروق=shuruq ياسمين=yasmin منارة=manara صخرة=sakhra غدير=ghadir عين=ain وادي=wadi"
)
_AR_SUF = _pairs("_الجديدة=_al-jadida _الشرقية=_ash-sharqiya _الغربية=_al-gharbiya _الكبرى=_al-kubra _العليا=_al-ulya")
_AR_REGION = _pairs("ولاية_=wilayat_ محافظة_=muhafazat_")
_HE_A = _pairs("רמת=ramat גבעת=givat כפר=kfar נווה=neve קריית=kiryat מצפה=mitzpe בית=beit גן=gan")
_HE_B = _pairs(
    "השרון=hasharon הים=hayam אורים=orim שלום=shalom הדקלים=hadkalim עמק=emek הגליל=hagalil ארז=erez "
    "יונה=yona הורדים=havradim טל=tal אלון=alon"
)
_HE_REGION = _pairs("מחוז_=mehoz_")

# Devanagari (Hindi, Marathi, Nepali) and Thai.
_HI_A = _pairs(
    "राम=ram शिव=shiv गोविन्द=govind कृष्ण=krishna सूर्य=surya चन्द्र=chandra लक्ष्मी=lakshmi हरि=hari "
    "देव=dev नील=nil विजय=vijay सीता=sita इन्द्र=indra कमल=kamal गंगा=ganga"
)
_HI_B = _pairs("पुर=pur नगर=nagar गढ़=garh गाँव=gaon आबाद=abad पुरी=puri कोट=kot वाड़ी=wadi")
_HI_REGION = _pairs("_ज़िला=_zila _मंडल=_mandal")
_TH_PRE = _pairs("บ้าน=ban_ เมือง=mueang_")
_TH = _pairs("นา=na สวน=suan ทอง=thong แก้ว=kaeo ใหม่=mai ดอน=don ป่า=pa หิน=hin น้ำ=nam ทุ่ง=thung ศรี=si สุข=suk")


def _fix(part: Part) -> Part:
    return part[0].replace("_", " "), part[1].replace("_", " ")


def _latin(a: list[Part], b: list[Part], pre=(), suf=(), sep=" ", glue=False) -> Callable[[random.Random], Part]:
    """Latin names: prefix? + A + B (or A alone) + suffix?."""

    def make(rng: random.Random) -> Part:
        first = rng.choice(a)
        second = rng.choice(b) if b else ("", "")
        if glue:
            name = first[0] + second[0]
        elif b and rng.random() < 0.5:
            name = first[0] + sep + second[0]
        else:
            name = first[0] if not b or rng.random() < 0.5 else second[0]
        if pre and rng.random() < 0.3:
            p = rng.choice(pre)[0]
            name = p + (name if p.endswith(("-", "’", " ")) else " " + name)
        if suf and rng.random() < 0.25:
            s = rng.choice(suf)[0]
            name = name + s
        return name, name

    return make


def _latin_region(words: list[Part], template: str) -> Callable[[random.Random], Part]:
    def make(rng: random.Random) -> Part:
        word = rng.choice(words)[0]
        return template.format(word), template.format(word)

    return make


def _syllables(
    first: list[Part], middle: list[Part], ending: list[Part], prefixes: list[Part], p_prefix: float = 0.25
) -> Callable[[random.Random], Part]:
    def make(rng: random.Random) -> Part:
        parts = (
            [rng.choice(first)] + [rng.choice(middle) for _ in range(rng.choice((0, 1, 1, 2)))] + [rng.choice(ending)]
        )
        if rng.random() < p_prefix:
            parts.insert(0, _fix(rng.choice(prefixes)))
        return "".join(p[0] for p in parts), "".join(p[1] for p in parts)

    return make


def _han(
    chars: list[Part], suffixes: list[Part], p_suffix: float = 0.8, translate: dict | None = None, roman_join: str = ""
) -> Callable[[random.Random], Part]:
    def make(rng: random.Random) -> Part:
        picked = [rng.choice(chars) for _ in range(rng.choice((2, 2, 2, 3)))]
        native = "".join(p[0] for p in picked)
        roman = roman_join.join(p[1] for p in picked)
        if translate:
            native = "".join(translate.get(c, c) for c in native)
        if suffixes and rng.random() < p_suffix:
            suffix = rng.choice(suffixes)
            native, roman = native + suffix[0], roman + suffix[1]
        return native, roman

    return make


def _two(
    first: list[Part],
    second: list[Part],
    sep: str = " ",
    prefixes: Sequence[Part] = (),
    suffixes: Sequence[Part] = (),
    p_prefix: float = 0.3,
    p_suffix: float = 0.25,
    p_single: float = 0.0,
) -> Callable[[random.Random], Part]:
    def make(rng: random.Random) -> Part:
        a = rng.choice(first)
        if rng.random() < p_single:
            native, roman = a
        else:
            b = rng.choice(second)
            native, roman = a[0] + sep + b[0], a[1] + " " + b[1]
        if prefixes and rng.random() < p_prefix:
            p = _fix(rng.choice(prefixes))
            native, roman = p[0] + native, p[1] + roman
        if suffixes and rng.random() < p_suffix:
            s = _fix(rng.choice(suffixes))
            native, roman = native + s[0], roman + s[1]
        return native, roman

    return make


def _region_of(
    make_name: Callable[[random.Random], Part], words: list[Part], before: bool
) -> Callable[[random.Random], Part]:
    """A region: a word such as "Periferia" / "oblast" before or after a generated name."""

    def make(rng: random.Random) -> Part:
        name = make_name(rng)
        word = _fix(rng.choice(words))
        if before:
            sep = "" if word[0].endswith(" ") else " "
            return word[0] + sep + name[0], word[1] + " " + name[1]
        sep = "" if word[0].startswith(" ") or not word[0][:1].isalpha() or ord(word[0][0]) > 0x2E80 else " "
        return name[0] + sep + word[0], name[1] + " " + word[1]

    return make


_el_name = _syllables(_EL_A, _EL_M, _EL_E, _EL_PRE)
_cy_name = _syllables(_CY_A, _CY_M, _CY_E, _CY_PRE)
_ja_name = _han(_JA, _JA_SUF)
_zh_name = _han(_ZH, [("市", "")], p_suffix=0.5)
_tw_name = _han(_ZH, [("市", "")], p_suffix=0.5, translate=_ZH_TRAD)
_ko_name = _han(_KO, _KO_SUF)
_ar_name = _two(
    _AR + [("ال" + n, "al-" + r) for n, r in _AR],
    [("ال" + n, "al-" + r) for n, r in _AR],
    suffixes=_AR_SUF,
    p_single=0.55,
    p_suffix=0.3,
)  # "عين الزهراء" (ain al-zahra), "الواحة الكبرى"
_he_name = _two(_HE_A, _HE_B)
_hi_name = _two(_HI_A, _HI_B, sep="")
_th_name = _two(_TH, _TH, sep="", prefixes=_TH_PRE, p_prefix=0.4)

CULTURES: tuple[Culture, ...] = (
    Culture(
        "Latin",
        ("BR", "PT", "AO", "MZ"),
        4,
        _latin(_PT[1], [], _PT[0], _PT[2]),
        _latin_region(_PT[1], "Região de {}"),
        ("pt-BR", "pt-PT", "pt-AO", "pt-MZ"),
    ),
    Culture(
        "Latin",
        ("ES", "MX", "AR", "CO", "CL", "PE", "EC", "UY"),
        5,
        _latin(_ES[1], [], _ES[0], _ES[2]),
        _latin_region(_ES[1], "Provincia de {}"),
        ("es-ES", "es-MX", "es-AR", "es-CO", "es-CL", "es-PE", "es-EC", "es-UY"),
    ),
    Culture(
        "Latin",
        ("FR", "BE", "CH", "CA", "LU", "SN", "CI"),
        4,
        _latin(_FR[1], [], _FR[0], _FR[2]),
        _latin_region(_FR[1], "Pays de {}"),
        ("fr-FR", "fr-BE", "fr-CH", "fr-CA", "fr-LU", "fr-SN", "fr-CI"),
    ),
    Culture(
        "Latin",
        ("DE", "AT", "CH"),
        4,
        _latin(_DE_A, _DE_B, _words("Bad_"), glue=True),
        _latin_region(_DE_A, "Landkreis {}land"),
        ("de-DE", "de-AT", "de-CH"),
    ),
    Culture("Latin", ("PL",), 2, _latin(_PL_A, _PL_B), _latin_region(_PL_B, "Powiat {}"), ("pl",)),
    Culture("Latin", ("NO", "DK"), 1, _latin(_NO_A, _NO_B, glue=True), _latin_region(_NO_A, "{} fylke"), ("nb", "da")),
    Culture(
        "Latin", ("SE", "FI"), 1, _latin(_SE_A, _SE_B, glue=True), _latin_region(_SE_A, "{}s län"), ("sv", "sv-FI")
    ),
    Culture("Latin", ("TR",), 2, _latin(_TR_A, _TR_B, glue=True), _latin_region(_TR_A, "{} İli"), ("tr",)),
    Culture("Latin", ("VN",), 2, _latin(_VI_A, _VI_B), _latin_region(_VI_B, "Tỉnh {}"), ("vi",)),
    Culture("Latin", ("CZ", "SK"), 1, _latin(_CZ_A, _CZ_B), _latin_region(_CZ_B, "Kraj {}"), ("cs", "sk")),
    Culture(
        "Latin",
        ("GB", "US", "AU", "NZ", "IE", "ZA", "KE", "NG", "GH"),
        6,
        _latin(_EN_A, _EN_B, _EN_PRE, _EN_SUF, glue=True),
        _latin_region(_EN_A, "{}shire"),
        ("en-GB", "en-US", "en-AU", "en-NZ", "en-IE", "en-ZA", "en-KE", "en-NG", "en-GH"),
    ),
    Culture("Greek", ("GR", "CY"), 3, _el_name, _region_of(_el_name, _EL_REGION, before=True), ("el", "el-CY")),
    Culture(
        "Cyrillic",
        ("BG", "RS", "UA", "MK", "KZ", "BY", "RU", "MN"),
        4,
        _cy_name,
        _region_of(_cy_name, _CY_REGION, before=False),
        ("bg", "sr-Cyrl-RS", "uk", "mk", "kk", "be", "ru", "mn"),
    ),
    Culture("Han", ("JP",), 3, _ja_name, _han(_JA, _JA_REGION, p_suffix=1.0), ("ja",)),
    Culture("Han", ("CN",), 3, _zh_name, _han(_ZH, [("省", "")], p_suffix=1.0), ("zh-Hans-CN",)),
    Culture("Han", ("TW",), 1, _tw_name, _han(_ZH, [("縣", "")], p_suffix=1.0, translate=_ZH_TRAD), ("zh-Hant-TW",)),
    Culture("Hangul", ("KR",), 2, _ko_name, _han(_KO, [("도", "-do")], p_suffix=1.0), ("ko",)),
    Culture(
        "Arabic",
        ("EG", "MA", "JO", "AE", "SA", "TN", "DZ", "OM", "QA"),
        4,
        _ar_name,
        _region_of(_ar_name, _AR_REGION, before=True),
        ("ar-EG", "ar-MA", "ar-JO", "ar-AE", "ar-SA", "ar-TN", "ar-DZ", "ar-OM", "ar-QA"),
    ),
    Culture("Hebrew", ("IL",), 1, _he_name, _region_of(_he_name, _HE_REGION, before=True), ("he",)),
    Culture("Devanagari", ("IN", "NP"), 4, _hi_name, _region_of(_hi_name, _HI_REGION, before=False), ("hi", "ne")),
    Culture(
        "Thai",
        ("TH",),
        1,
        _th_name,
        lambda rng: _join(("จังหวัด", "changwat "), _two(_TH, _TH, sep="")(rng)),
        ("th",),
    ),
)

_ASCII_EXTRA = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "œ": "oe",
        "Œ": "OE",
        "’": "-",
        "'": "-",
    }
)


def ascii_slug(roman: str) -> str:
    """A safe folder name from a romanised name ("Łąka Wielka" → "laka-wielka")."""
    folded = unicodedata.normalize("NFKD", roman.translate(_ASCII_EXTRA)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[: SLUG_LENGTH[1] - 8].strip("-")  # room for a "-cc-123" suffix


# ---------------------------------------------------------------------------------------------
# Texts (plain English: the justifications of real assessments are free text in any language).
