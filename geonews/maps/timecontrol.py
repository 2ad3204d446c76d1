"""The time control: two sliders that show only the articles dated within a period."""

from __future__ import annotations

import re

from branca.element import MacroElement
from folium.template import Template

from geonews.maps.safe import escape, json_for_html

__all__ = ["TimeControl"]

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class TimeControl(MacroElement):
    """A period filter over the articles' days; undated articles stay shown.

    Parameters
    ----------
    days : list of str
        The distinct ``YYYY-MM-DD`` days of the articles, sorted.
    """

    _template = Template("""
        {% macro html(this, kwargs) %}
        <div id="{{ this.element_id }}" class="geonews-box geonews-time" dir="rtl" lang="ar" hidden
             data-days="{{ this.days_attr }}">
          <div><b>الفترة</b> <small>period</small></div>
          <div class="gn-time-row"><span>من</span><input type="range" class="gn-from" aria-label="from">
            <span class="gn-time-label gn-from-label"></span></div>
          <div class="gn-time-row"><span>إلى</span><input type="range" class="gn-to" aria-label="to">
            <span class="gn-time-label gn-to-label"></span></div>
          <div class="gn-time-foot"><span>المعروض <bdi class="gn-time-count"></bdi></span>
            <button type="button" class="gn-reset">كل الفترة · all</button></div>
          <div class="gn-time-note">المقالات غير المؤرخة تبقى ظاهرة · undated articles stay shown</div>
        </div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geonews.timeControl({{ this._parent.get_name() }}, {{ this.element_id|tojson }});
        {% endmacro %}
    """)

    def __init__(self, days: list[str]):
        super().__init__()
        bad = [day for day in days if not _DAY.fullmatch(day)]
        if bad:
            raise ValueError(f"Expected YYYY-MM-DD days, instead got: {bad[:3]!r}.")
        self._name = "GeonewsTime"
        self.element_id = f"{self.get_name()}_box"
        self.days_attr = escape(json_for_html(sorted(days)))
