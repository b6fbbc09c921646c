"""Horizontal bar charts drawn on the server as SVG primitives for a template.

Every bar carries its value as text, bars in a second or third series are
hatched or dotted rather than coloured, and everything is drawn in currentColor
so the chart follows the page's text colour, including in forced-colours mode.
"""

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 480
X0 = 4
LABEL_SIZE = 15
LINE = 19
BAR = 20
CI_STRIP = 12
GAP = 6
GROUP_GAP = 16
CHAR_WIDTH = 7.6  # a generous average for the 14-unit value text
FILLS = ["solid", "hatch", "dots", "outline"]
NICE_STEPS = [1, 2, 2.5, 5, 10]


def nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in NICE_STEPS:
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def chart_measures(table, measures: list) -> list:
    rows = [r.strip() for r in table.chart_rows.split(";") if r.strip()]
    columns = [c.strip() for c in table.chart_columns.split(";") if c.strip()]
    return [
        m
        for m in sorted(measures, key=lambda m: m.position)
        if m.role != "total" and (not rows or m.row_label in rows) and (not columns or m.column_label in columns)
    ]


@dataclass
class Chart:
    id: str
    title: str
    description: str
    height: int = 0
    width: int = WIDTH
    texts: list = field(default_factory=list)
    rects: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def _value_label(measure, series_label: str) -> str:
    text = measure.display_with_unit
    if measure.ci is not None:
        text += f" ±{measure.ci_text}"
    return f"{series_label}: {text}" if series_label else text


def build_chart(table, measures: list) -> Chart | None:
    if not table.chart:
        return None
    items = chart_measures(table, measures)
    if not items:
        return None
    series = list(dict.fromkeys(m.column_label for m in items))
    multiple = len(series) > 1
    labels = [_value_label(m, m.column_label if multiple else "") for m in items]
    label_space = min(int(max(len(t) for t in labels) * CHAR_WIDTH) + 10, WIDTH // 2)
    top = max(float(m.value + (m.ci or Decimal(0))) for m in items)
    scale_max = nice_ceiling(top)
    bar_area = WIDTH - X0 - label_space

    def x(value) -> float:
        return round(X0 + float(value) / scale_max * bar_area, 1)

    chart = Chart(
        id=f"chart-{table.slug}",
        title=table.caption,
        description=(
            f"Bar chart. {table.summary} Bars start at zero. "
            + ("Lines under the bars show the 95% confidence interval. " if any(m.ci for m in items) else "")
            + "The same figures are in the table that follows."
        ),
    )
    y = 4
    groups = list(dict.fromkeys((m.row_group, m.row_label) for m in items))
    for group, row_label in groups:
        heading = f"{group}: {row_label}" if group else row_label
        for line in textwrap.wrap(heading, width=int(WIDTH / 8.2)) or [""]:
            y += LINE
            chart.texts.append({"x": X0, "y": y - 4, "text": line, "bold": True})
        y += 2
        for m, label in zip(items, labels, strict=True):
            if (m.row_group, m.row_label) != (group, row_label):
                continue
            fill = FILLS[series.index(m.column_label) % len(FILLS)]
            end = x(m.value)
            chart.rects.append({"x": X0, "y": y, "width": max(end - X0, 1), "height": BAR, "fill": fill})
            text_x = end
            if m.ci is not None:
                low, high, mid = x(max(m.value - m.ci, 0)), x(m.value + m.ci), y + BAR + CI_STRIP / 2 + 1
                chart.lines += [
                    {"x1": low, "y1": mid, "x2": high, "y2": mid},
                    {"x1": low, "y1": mid - 4, "x2": low, "y2": mid + 4},
                    {"x1": high, "y1": mid - 4, "x2": high, "y2": mid + 4},
                    {"x1": end, "y1": y + BAR, "x2": end, "y2": mid + 4},
                ]
                text_x = max(end, high)
            chart.texts.append({"x": round(text_x + 6, 1), "y": y + BAR - 5, "text": label, "bold": False})
            y += BAR + (CI_STRIP if m.ci is not None else 0) + GAP
        y += GROUP_GAP
    chart.lines.append({"x1": X0, "y1": 4, "x2": X0, "y2": y - GROUP_GAP})
    chart.height = int(y)
    return chart
