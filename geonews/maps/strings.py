"""The map's interface words, in Arabic (shown by default) and English (a toggle), and the element that
hands them to the page before anything is drawn."""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.safe import json_script

__all__ = ["UI_STRINGS", "PageSetup"]

#: Interface words: key -> (Arabic, English). The Arabic column holds no Latin letters.
UI_STRINGS = {
    "panel": ("لوحة الخريطة", "map panel"),
    "openPanel": ("افتح اللوحة: التصفية والدليل", "open the panel: filters and legend"),
    "closePanel": ("اطوِ اللوحة", "fold the panel"),
    "switchLanguage": ("التسميات بالإنجليزية", "labels in Arabic"),
    "searchPlaceholder": ("ابحث عن مكان أو فاعل", "find a place or an actor"),
    "noMatch": ("لا نتيجة", "nothing found"),
    "place": ("مكان", "place"),
    "country": ("دولة", "country"),
    "region": ("منطقة", "region"),
    "actor": ("الفاعل", "actor"),
    "clearActor": ("كل الفاعلين", "every actor"),
    "claimType": ("نوع الادعاء", "claim type"),
    "side": ("الطرف", "side"),
    "modality": ("الصيغة", "modality"),
    "role": ("دور المكان في الخبر", "the place's role"),
    "period": ("الفترة", "period"),
    "from": ("من", "from"),
    "to": ("إلى", "to"),
    "wholePeriod": ("كل الفترة", "whole period"),
    "undatedStay": ("المقالات غير المؤرخة تبقى ظاهرة", "undated articles stay shown"),
    "symbols": ("الرموز", "symbols"),
    "symCluster": ("مجموعة أماكن: العدد، وتوزيعه على أنواع الادعاء", "places grouped: how many, by claim type"),
    "symPlace": ("مكان: لون الطرف الغالب، رمز نوع الادعاء، عدد التصريحات", "a place: main side's colour, claim type, statements"),
    "symRegional": ("منطقة أو محافظة (لا بلدة بعينها)", "an area or a province, not one town"),
    "symWeak": ("تهديد أو نفي أو خطة: لم يقع حسب الخبر", "threat, denial or plan: not reported as done"),
    "symContested": ("متنازع عليه: طرفان ادعيا السيطرة في الفترة المعروضة", "contested: two sides claim control in the period"),
    "symArea": ("منطقة (ريف، شمال…): حدود، تُملأ عند التمرير أو الاختيار", "an area (countryside, north of…): outline, filled when hovered or chosen"),
    "symCountry": ("تصريحات عن دولة بأكملها: تلوين الدولة مع العدد", "statements about a whole country: the country tinted, with the count"),
    "regions": ("عن مناطق أوسع من دولة", "about regions larger than a country"),
    "regionsExplain": ("لا تُرسم على الخريطة: اضغط لعرض تصريحاتها", "not drawn on the map: click to list them"),
    "unresolved": ("أماكن لم يُحدَّد موقعها", "places not located"),
    "unresolvedReason": ("لم يُحدَّد موقعه", "not located"),
    "placeless": ("تصريحاً بلا مكان مذكور", "statements name no place"),
    "baseMap": ("الخريطة الأساس", "base map"),
    "statementsShown": ("تصريحاً معروضاً", "statements shown"),
    "placesShown": ("مكاناً", "places"),
    "countriesShown": ("دولة", "countries"),
    "statements": ("تصريحاً", "statements"),
    "aboutCountry": ("تصريحاً عن الدولة كلها", "about the whole country"),
    "aboutCountry1": ("تصريح عن الدولة كلها", "about the whole country"),
    "wholeCountry": ("تصريحات عن الدولة كلها", "statements about the whole country"),
    "placesHere": ("أماكن متقاربة", "places close together"),
    "contested": ("متنازع عليه", "contested"),
    "contestedPlaces": ("أماكن متنازع عليها", "contested places"),
    "contestedPlace": ("مكان متنازع عليه", "contested place"),
    "contestedExplain": ("أكثر من طرف ادعى السيطرة عليه في الفترة المعروضة:", "more than one side claims control of it in the period shown:"),
    "controlClaims": ("ادعاء سيطرة", "control claims"),
    "hiddenByFilters": ("مخفية بالتصفية", "hidden by the filters"),
    "more": ("المزيد", "more"),
    "nothingShown": ("لا شيء ظاهر هنا بالتصفية الحالية", "nothing shown here with the current filters"),
    "undated": ("بلا تاريخ", "undated"),
    "accordingTo": ("بحسب", "according to"),
    "timelineCaption": ("ادعاءات السيطرة والتقدم والهجوم شهرياً، بحسب الطرف", "control, advance and attack claims by month, per side"),
    "close": ("إغلاق", "close"),
    "unitKm2": ("كم²", "km²"),
    "unitKm": ("كم", "km"),
    "unitM": ("م", "m"),
    "unitLocalities": ("بلدة وقرية", "localities"),
    "unitKilled": ("قتيل", "killed"),
    "unitWounded": ("جريح", "wounded"),
    "unitPeople": ("شخص", "people"),
    "unitPercent": ("٪", "%"),
    "unitStrikes": ("غارة", "strikes"),
}


class PageSetup(MacroElement):
    """The interface words for the page, read first (``geonews.setup``); add it before every other element."""

    _template = Template("""
        {% macro html(this, kwargs) %}{{ this.blob }}{% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.setup({{ this._parent.get_name() }}, {{ this.data_id|tojson }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "GeonewsSetup"
        self.data_id = f"{self.get_name()}_strings"
        self.blob = json_script({key: list(pair) for key, pair in UI_STRINGS.items()}, self.data_id)
