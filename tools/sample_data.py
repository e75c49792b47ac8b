"""Synthetic cities and assessments for benchmarks and load tests.

Run as ``scripts/generate-sample-data N`` or ``python -m tools.sample_data N [--out DIR]``.

Every file written is valid under the project's validator with no error and no warning:

* names in many scripts (Latin with accents, Greek, Cyrillic, Han, Hangul, Arabic, Hebrew,
  Devanagari, Thai), each with an ASCII romanisation from which the city's folder name (its
  slug) is derived; slugs are unique (a clash gets the country code, then a number);
* real ISO 3166-1 alpha-2 country codes, populations in every size band, every type of
  community;
* 1 to 6 assessments per city (about 4 on average) spread over the ten years before
  :data:`WINDOW_END` (or today, if that is earlier), never two on one date; every method of
  Figure 3, multi-stakeholder ones with groups' views and both consolidation rules; evidence
  links on ``https://example.org/…``; now and then a characteristic "not assessed".

Reproducible: the same seed gives byte-identical files, and the first N cities of a larger
run are the same N cities (each city has its own random stream), so sizes are comparable.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from macros.commands import project_root
from macros.diagnostics import Report
from macros.layout import CITY_FILE, SLUG_LENGTH, slug_problem
from macros.model.assessments import CONSOLIDATION_RULES, SIZE_BANDS
from macros.model.catalogue import Catalogue
from macros.site.settings import build_date
from macros.validate import load_catalogue

DEFAULT_OUT = Path("build-tmp") / "sample-assessments"  # relative to the repository; ignored by git
DEFAULT_SEED = 37107
# The ten-year window of assessment dates ends here (a fixed day, so that files do not change
# from one day to the next), or today if today is earlier.
WINDOW_END = dt.date(2026, 6, 30)
WINDOW_YEARS = 10
MARKER = "# SYNTHETIC city written by scripts/generate-sample-data"
CITY_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/city.schema.json"
ASSESSMENT_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json"

# How many assessments a city has: 1 to 6, about 4 on average.
ASSESSMENT_COUNT_WEIGHTS = (1, 2, 3, 4, 4, 3)

USAGE = f"""\
usage: scripts/generate-sample-data N [--seed S] [--out DIR] [--replace]

Write N synthetic cities (city.yaml and 1-6 assessments each), valid under the validator,
into DIR (default: {DEFAULT_OUT}/ in the repository, ignored by git).

  --seed S     random seed (default {DEFAULT_SEED}); the same seed writes byte-identical files
  --out DIR    target folder; it must be empty or hold only cities written by this script
  --replace    delete the cities this script wrote earlier in DIR first

The repository's own assessments/ is refused unless --out names it and --replace is absent:
generated cities are then added beside the real ones (and fail if a folder already exists).
"""


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
        "Latin", ("BR", "PT", "AO", "MZ"), 4, _latin(_PT[1], [], _PT[0], _PT[2]), _latin_region(_PT[1], "Região de {}")
    ),
    Culture(
        "Latin",
        ("ES", "MX", "AR", "CO", "CL", "PE", "EC", "UY"),
        5,
        _latin(_ES[1], [], _ES[0], _ES[2]),
        _latin_region(_ES[1], "Provincia de {}"),
    ),
    Culture(
        "Latin",
        ("FR", "BE", "CH", "CA", "LU", "SN", "CI"),
        4,
        _latin(_FR[1], [], _FR[0], _FR[2]),
        _latin_region(_FR[1], "Pays de {}"),
    ),
    Culture(
        "Latin",
        ("DE", "AT", "CH"),
        4,
        _latin(_DE_A, _DE_B, _words("Bad_"), glue=True),
        _latin_region(_DE_A, "Landkreis {}land"),
    ),
    Culture("Latin", ("PL",), 2, _latin(_PL_A, _PL_B), _latin_region(_PL_B, "Powiat {}")),
    Culture("Latin", ("NO", "DK"), 1, _latin(_NO_A, _NO_B, glue=True), _latin_region(_NO_A, "{} fylke")),
    Culture("Latin", ("SE", "FI"), 1, _latin(_SE_A, _SE_B, glue=True), _latin_region(_SE_A, "{}s län")),
    Culture("Latin", ("TR",), 2, _latin(_TR_A, _TR_B, glue=True), _latin_region(_TR_A, "{} İli")),
    Culture("Latin", ("VN",), 2, _latin(_VI_A, _VI_B), _latin_region(_VI_B, "Tỉnh {}")),
    Culture("Latin", ("CZ", "SK"), 1, _latin(_CZ_A, _CZ_B), _latin_region(_CZ_B, "Kraj {}")),
    Culture(
        "Latin",
        ("GB", "US", "AU", "NZ", "IE", "ZA", "KE", "NG", "GH"),
        6,
        _latin(_EN_A, _EN_B, _EN_PRE, _EN_SUF, glue=True),
        _latin_region(_EN_A, "{}shire"),
    ),
    Culture("Greek", ("GR", "CY"), 3, _el_name, _region_of(_el_name, _EL_REGION, before=True)),
    Culture(
        "Cyrillic",
        ("BG", "RS", "UA", "MK", "KZ", "BY", "RU", "MN"),
        4,
        _cy_name,
        _region_of(_cy_name, _CY_REGION, before=False),
    ),
    Culture("Han", ("JP",), 3, _ja_name, _han(_JA, _JA_REGION, p_suffix=1.0)),
    Culture("Han", ("CN",), 3, _zh_name, _han(_ZH, [("省", "")], p_suffix=1.0)),
    Culture("Han", ("TW",), 1, _tw_name, _han(_ZH, [("縣", "")], p_suffix=1.0, translate=_ZH_TRAD)),
    Culture("Hangul", ("KR",), 2, _ko_name, _han(_KO, [("도", "-do")], p_suffix=1.0)),
    Culture(
        "Arabic",
        ("EG", "MA", "JO", "AE", "SA", "TN", "DZ", "OM", "QA"),
        4,
        _ar_name,
        _region_of(_ar_name, _AR_REGION, before=True),
    ),
    Culture("Hebrew", ("IL",), 1, _he_name, _region_of(_he_name, _HE_REGION, before=True)),
    Culture("Devanagari", ("IN", "NP"), 4, _hi_name, _region_of(_hi_name, _HI_REGION, before=False)),
    Culture("Thai", ("TH",), 1, _th_name, lambda rng: _join(("จังหวัด", "changwat "), _two(_TH, _TH, sep="")(rng))),
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

_LEVEL_NOTES = {
    1: (
        "There is no formal approach yet; work depends on individual departments.",
        "Activity is ad hoc and driven by a few enthusiastic staff.",
        "Nothing is written down; the topic has not been discussed at leadership level.",
    ),
    2: (
        "A strategy exists on paper but is not yet applied across the organisation.",
        "Some departments follow the approach; others are not aware of it.",
        "Pilots have been run, but without a plan to scale them up.",
    ),
    3: (
        "A city-wide approach is agreed and applied to most new projects.",
        "The approach is formalised, with named owners and a published plan.",
        "Most services follow the agreed standard; a few legacy areas lag behind.",
    ),
    4: (
        "Performance is measured systematically and reviewed by the leadership team each quarter.",
        "Partners across the public, private and voluntary sectors work to shared targets.",
        "Results are published and used to adjust plans every year.",
    ),
    5: (
        "Continuous improvement is embedded and independently verified.",
        "The city is recognised by peers as a reference and shares its practice openly.",
        "Outcomes have been sustained over several years and are reviewed with residents.",
    ),
}
_CHANGE_NOTES = (
    "Unchanged since the previous assessment.",
    "Improved since the previous assessment thanks to the new programme office.",
    "The planned improvement was delayed by budget cuts.",
    "Progress slowed during the reorganisation of the departments.",
    "A new team was set up to lead this work.",
    "Funding is now secured in the multi-year budget.",
)
_PLAN_NOTES = (
    "The plan for the next two years is funded.",
    "Further progress depends on the regional programme.",
    "No further change is planned for the next two years.",
    "A procurement for the new platform is under way.",
)
_NOT_ASSESSED = (
    "This function is carried out by the regional authority, not by the municipality.",
    "No data was collected for this characteristic in this round.",
    "The assessors agreed to leave this characteristic to the next assessment.",
    "Not applicable: the service is provided nationally.",
)
_DOCUMENTS = (
    "Smart city strategy",
    "Digital transformation plan",
    "Annual performance report",
    "Open data portal",
    "Council minutes",
    "Climate action plan",
    "Resilience strategy",
    "Procurement pipeline",
    "Citizen survey results",
    "Data governance policy",
    "Service design standard",
    "Budget report",
)
_ASSESSORS = (
    "The city council's strategy office",
    "The mayor's office, with department heads",
    "A working group of the municipal departments",
    "Independent assessors appointed by the council",
    "The chief digital officer's team",
    "A workshop of all stakeholder groups, facilitated by the regional university",
)
_SUMMARIES = (
    "Strategy and governance are the strongest areas; data and technology assets lag behind.",
    "Service design and digital inclusion are strong; security needs attention.",
    "Engagement with residents is the main gap, ahead of procurement.",
)
_FIRST_SUMMARIES = (
    "A first baseline, to be repeated every two years.",
    "The first assessment, carried out to prepare the new city strategy.",
)
_LATER_SUMMARIES = (
    "Most of the plans made at the previous assessment were delivered.",
    "Progress was slower than planned; several promised improvements slipped by a year.",
    "Service design and digital inclusion improved markedly since the previous assessment.",
)
_GROUP_SUMMARIES = (
    "The groups agreed on most characteristics but saw engagement and inclusion very differently.",
    "Civil society rated governance lower than the council did.",
)
_PEOPLE = (
    "maria-lopes",
    "kenji-sato",
    "amina-haddad",
    "olga-petrova",
    "priya-raman",
    "lars-nilsson",
    "chen-wei",
    "ana-silva",
    "yusuf-demir",
    "eleni-papadopoulou",
    "noa-levi",
    "somchai-k",
)
_NAME_POOL_RETRIES = 40

METHOD_WEIGHTS = (
    ("single-stakeholder", 35),
    ("multi-stakeholder", 20),
    ("moderated-multi-stakeholder", 15),
    ("cross-city-benchmarking", 15),
    ("external-audit", 15),
)
COMMUNITY_BY_BAND = {  # plausible types of community for each size band
    "town": ("town", "rural", "island", "town", "district"),
    "small": ("town", "city", "island", "district", "rural"),
    "medium": ("city", "city", "district", "region"),
    "metropolitan": ("city", "city", "region", "district"),
    "large-metropolitan": ("city", "region", "region", "district"),
}


# ---------------------------------------------------------------------------------------------
# YAML output: written by hand, so the layout is that of the examples and byte-stable.

_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+][^:#\n\"'\\]*")


def yaml_str(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


class _CityWriter:
    """One city, from its own random stream."""

    def __init__(self, catalogue: Catalogue, seed: int, index: int, end: dt.date):
        self.catalogue = catalogue
        self.rng = random.Random(f"mmssc-sample:{seed}:{index}")
        self.index = index
        self.end = end
        self.ids = list(catalogue.characteristics)
        self.version = next(iter(catalogue.versions))
        self.groups = list(catalogue.stakeholder_groups)

    # -- profile ------------------------------------------------------------------------------

    def profile(self) -> dict:
        rng = self.rng
        culture = rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
        band_index = rng.randrange(len(SIZE_BANDS))
        band, _label, lower = SIZE_BANDS[band_index]
        upper = SIZE_BANDS[band_index + 1][2] if band_index + 1 < len(SIZE_BANDS) else 25_000_000
        lower = max(lower, 800)
        population = int(round(lower * (upper / lower) ** rng.random()))
        population = min(max(population, lower), upper - 1)
        return {
            "culture": culture,
            "country": rng.choice(culture.countries),
            "population": population,
            "community_type": rng.choice(COMMUNITY_BY_BAND[band]),
            "region": culture.make_region(rng) if rng.random() < 0.75 else None,
        }

    def name(self, culture: Culture) -> Part:
        native, roman = culture.make_name(self.rng)
        return unicodedata.normalize("NFC", native.strip()), roman.strip()

    def city_yaml(self, slug: str, name: str, seed: int, info: dict) -> str:
        rng = self.rng
        login = (slug[:33].strip("-") or "city") + "-team"
        maintainers = [login] + ([rng.choice(_PEOPLE)] if rng.random() < 0.4 else [])
        description = (
            f"A synthetic {info['culture'].script}-script community generated for benchmarks; its data is random."
        )
        lines = [
            CITY_SCHEMA,
            f"{MARKER} (seed {seed}, city {self.index}): not a real place.",
            f"name: {yaml_str(name)}",
            f"country: {yaml_str(info['country'])}",
        ]
        if info["region"]:
            lines.append(f"region: {yaml_str(info['region'][0])}")
        lines += [
            f"population: {info['population']}",
            f"community_type: {info['community_type']}",
            f"website: https://example.org/{slug}",
            f"contact: {'mailto:smart-city@example.org' if rng.random() < 0.5 else f'https://example.org/{slug}/contact'}",
            f"maintainers: [{', '.join(maintainers)}]",
            "fictional: true",
            f"description: {yaml_str(description)}",
        ]
        return "\n".join(lines) + "\n"

    # -- assessments --------------------------------------------------------------------------

    def dates(self) -> list[dt.date]:
        rng = self.rng
        count = rng.choices(range(1, len(ASSESSMENT_COUNT_WEIGHTS) + 1), weights=ASSESSMENT_COUNT_WEIGHTS)[0]
        start = (
            self.end.replace(year=self.end.year - WINDOW_YEARS)
            if not (self.end.month == 2 and self.end.day == 29)
            else dt.date(self.end.year - WINDOW_YEARS, 2, 28)
        )
        span = (self.end - start).days
        # spread: one date in each of `count` equal slices of the window, at a random place in it
        days = []
        for i in range(count):
            lo, hi = span * i // count, span * (i + 1) // count - 1
            days.append(start + dt.timedelta(days=rng.randint(lo + 1, max(lo + 1, hi))))
        return sorted(set(days))

    def assessments(self, slug: str, dates: list[dt.date]) -> list[tuple[dt.date, str]]:
        rng = self.rng
        # this city's own starting levels, and characteristics it never assesses (none for most)
        levels = {cid: rng.choices((1, 2, 3, 4), weights=(30, 40, 23, 7))[0] for cid in self.ids}
        never = set(rng.sample(self.ids, rng.choice((1, 2)))) if rng.random() < 0.1 else set()
        out = []
        previous: dt.date | None = None
        for day in dates:
            years = (day - previous).days / 365.25 if previous else 0.0
            if previous:
                for cid in self.ids:
                    step = (
                        rng.choices((-1, 0, 1, 2), weights=(8, 50, 35, 7))[0]
                        if years >= 1
                        else rng.choice((0, 0, 0, 1))
                    )
                    levels[cid] = min(5, max(1, levels[cid] + step))
            out.append((day, self.assessment(slug, day, levels, never, first=previous is None)))
            previous = day
        return out

    def assessment(self, slug: str, day: dt.date, levels: dict[str, int], never: set[str], first: bool) -> str:
        rng = self.rng
        method = rng.choices([m for m, _ in METHOD_WEIGHTS], weights=[w for _, w in METHOD_WEIGHTS])[0]
        if method in ("multi-stakeholder", "moderated-multi-stakeholder"):
            participants = ["local-government"] + sorted(
                rng.sample(self.groups[1:], rng.randint(2, len(self.groups) - 1)), key=self.groups.index
            )
        elif method == "single-stakeholder":
            participants = ["local-government"]
        else:
            participants = ["local-government", "wider-public-sector"]
        consolidation = None
        if method == "multi-stakeholder":
            consolidation = "median" if rng.random() < 0.6 else "moderated"
        elif method == "moderated-multi-stakeholder":
            consolidation = "moderated"
        group_share = 1.0 if consolidation == "median" else rng.choice((0.3, 0.5, 1.0)) if consolidation else 0.0

        lines = [
            ASSESSMENT_SCHEMA,
            f"date: {day.isoformat()}",
            f"model_version: {self.version}",
            f"method: {method}",
            f"participants: [{', '.join(participants)}]",
        ]
        if consolidation:
            assert consolidation in CONSOLIDATION_RULES
            lines.append(f"consolidation: {consolidation}")
        lines.append(f"assessors: {yaml_str(rng.choice(_ASSESSORS))}")
        if rng.random() < 0.85:
            summary = [rng.choice(_FIRST_SUMMARIES if first else _LATER_SUMMARIES), rng.choice(_SUMMARIES)]
            if consolidation:
                summary.append(rng.choice(_GROUP_SUMMARIES))
            lines.append(f"summary: {yaml_str(' '.join(summary))}")
        lines.append("characteristics:")
        for cid in self.ids:
            lines += self.rating(
                slug, cid, day, levels[cid], cid in never, participants, consolidation, group_share, first
            )
        return "\n".join(lines) + "\n"

    def rating(
        self,
        slug: str,
        cid: str,
        day: dt.date,
        level: int,
        never: bool,
        participants: list[str],
        consolidation: str | None,
        group_share: float,
        first: bool,
    ) -> list[str]:
        rng = self.rng
        out = [f'  "{cid}":']
        if never or rng.random() < 0.02:
            out.append(f"    not_assessed: {yaml_str(rng.choice(_NOT_ASSESSED))}")
            return out
        groups: dict[str, tuple[int, int]] = {}
        if consolidation and rng.random() < group_share:
            for gid in participants:
                delta = rng.choices((-2, -1, 0, 1, 2), weights=(3, 20, 50, 22, 5))[0]
                g_now = min(5, max(1, level + delta))
                groups[gid] = (g_now, min(5, g_now + rng.choice((0, 0, 1, 1, 2))))
        if consolidation == "median":
            ordered_now = sorted(v[0] for v in groups.values())
            ordered_later = sorted(v[1] for v in groups.values())
            now, later = ordered_now[(len(ordered_now) - 1) // 2], ordered_later[(len(ordered_later) - 1) // 2]
        else:
            now, later = level, min(5, level + rng.choices((0, 1, 2), weights=(45, 45, 10))[0])
            out += [f"    now: {now}", f"    in_two_years: {later}"]
        note = rng.choice(_LEVEL_NOTES[now])
        extra = rng.choice(_CHANGE_NOTES if not first and rng.random() < 0.5 else _PLAN_NOTES)
        out.append(f"    justification: {yaml_str(note + ' ' + extra)}")
        if now >= 4 or rng.random() < 0.25:  # levels 4 and 5 always come with evidence
            out.append("    evidence:")
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                title = rng.choice(_DOCUMENTS)
                when = day - dt.timedelta(days=rng.randint(0, 4 * 365))
                doc = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
                out += [
                    f"      - title: {yaml_str(f'{title} {when.year}')}",
                    f"        url: https://example.org/{slug}/{doc}-{when.year}.pdf",
                    f"        date: {when.isoformat()}",
                ]
        if groups:
            out.append("    groups:")
            out += [
                f"      {gid}: {{now: {g_now}, in_two_years: {g_later}}}" for gid, (g_now, g_later) in groups.items()
            ]
        return out


# ---------------------------------------------------------------------------------------------
# The whole run.


def window_end(today: dt.date | None = None) -> dt.date:
    today = today or build_date()
    return min(WINDOW_END, today)


def load_catalogue_or_fail(root: Path | None = None) -> Catalogue:
    root = root or project_root()
    report = Report()
    catalogue = load_catalogue(root / "criteria", report, display_root=root)
    if catalogue is None or not report.ok:
        raise SystemExit("the catalogue in criteria/ has errors; run scripts/validate first\n" + report.format())
    return catalogue


def generate(
    count: int, out: Path, *, seed: int = DEFAULT_SEED, catalogue: Catalogue | None = None, today: dt.date | None = None
) -> list[str]:
    """Write ``count`` cities into ``out`` (created if needed); return their slugs in order.

    Folders that already exist in ``out`` are never overwritten: a slug that would clash gets
    a suffix, as it would with another generated city."""
    catalogue = catalogue or load_catalogue_or_fail()
    end = window_end(today)
    out.mkdir(parents=True, exist_ok=True)
    taken_slugs = {p.name for p in out.iterdir()}
    taken_names: set[tuple[str, str, str]] = set()
    slugs = []
    for index in range(1, count + 1):
        writer = _CityWriter(catalogue, seed, index, end)
        info = writer.profile()
        culture = info["culture"]
        region = info["region"][0] if info["region"] else ""
        for _ in range(_NAME_POOL_RETRIES):
            name, roman = writer.name(culture)
            if (name.casefold(), info["country"], region.casefold()) not in taken_names:
                break
        else:  # the name pool of this culture is exhausted for this country: a distinguishing number
            name, roman = f"{name} {index}", f"{roman} {index}"
        taken_names.add((name.casefold(), info["country"], region.casefold()))
        base = ascii_slug(roman) or f"city-{index}"
        if len(base) < SLUG_LENGTH[0]:
            base = f"{base}-{info['country'].lower()}"
        slug = base
        if slug in taken_slugs:
            slug = f"{base}-{info['country'].lower()}"
        number = 2
        while slug in taken_slugs:
            slug = f"{base}-{info['country'].lower()}-{number}"
            number += 1
        assert slug_problem(slug) is None, slug
        taken_slugs.add(slug)
        folder = out / slug
        folder.mkdir()
        (folder / CITY_FILE).write_bytes(writer.city_yaml(slug, name, seed, info).encode("utf-8"))
        for day, text in writer.assessments(slug, writer.dates()):
            (folder / f"{day.isoformat()}.yaml").write_bytes(text.encode("utf-8"))
        slugs.append(slug)
    return slugs


def _generated(folder: Path) -> bool:
    city = folder / CITY_FILE
    try:
        return folder.is_dir() and not folder.is_symlink() and MARKER in city.read_text("utf-8").split("\n", 2)[1]
    except (OSError, UnicodeDecodeError, IndexError):
        return False


def main(argv: list[str] | None = None) -> int:
    """``scripts/generate-sample-data N [--seed S] [--out DIR] [--replace]`` (``argv`` defaults to ``sys.argv[1:]``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = project_root()
    if not args or args[0] in ("-h", "--help"):
        print(USAGE, end="", file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    seed, out, replace, count = DEFAULT_SEED, root / DEFAULT_OUT, False, None
    try:
        while args:
            arg = args.pop(0)
            if arg == "--seed":
                seed = int(args.pop(0))
            elif arg.startswith("--seed="):
                seed = int(arg.split("=", 1)[1])
            elif arg == "--out":
                out = Path(args.pop(0))
            elif arg.startswith("--out="):
                out = Path(arg.split("=", 1)[1])
            elif arg == "--replace":
                replace = True
            elif count is None and arg.isdigit():
                count = int(arg)
            else:
                raise ValueError(f"unexpected argument {arg!r}")
        if count is None:
            raise ValueError("give the number of cities, N")
    except (ValueError, IndexError) as exc:
        print(f"generate-sample-data: {exc or 'missing value'}\n\n{USAGE}", end="", file=sys.stderr)
        return 2
    out = out.resolve()
    repo_assessments = out == (root / "assessments").resolve()
    if out.exists() and not out.is_dir():
        print(f"generate-sample-data: {out} is not a folder", file=sys.stderr)
        return 2
    existing = sorted(out.iterdir()) if out.is_dir() else []
    if repo_assessments and replace:
        print("generate-sample-data: --replace is refused for the repository's own assessments/", file=sys.stderr)
        return 2
    if existing and not repo_assessments:
        foreign = [p.name for p in existing if not _generated(p)]
        if foreign:
            print(
                f"generate-sample-data: {out} holds files this script did not write ({', '.join(foreign[:5])}"
                f"{'…' if len(foreign) > 5 else ''}); choose an empty folder",
                file=sys.stderr,
            )
            return 2
        if not replace:
            print(
                f"generate-sample-data: {out} already holds {len(existing)} generated cities; "
                "pass --replace to write new ones instead",
                file=sys.stderr,
            )
            return 2
        for folder in existing:
            shutil.rmtree(folder)
    slugs = generate(count, out, seed=seed)
    files = sum(1 for slug in slugs for _ in (out / slug).iterdir())
    print(f"wrote {len(slugs)} cities ({files} files, seed {seed}) into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
