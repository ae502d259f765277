"""The messages: each problem code with its Chinese and English text, and the language shown.

Every text a user reads is held in both languages: a problem's in ``CATALOGUE``, any other as a
pair given to ``say``. ``use_language`` (the CLI's ``--lang``) chooses which is shown, for
problems, errors and every line a command prints alike. Chinese is the default.
"""
from __future__ import annotations

from contextvars import ContextVar

LANGUAGES = ("zh", "en", "both")  # both: "中文 (English)", Chinese first
_LANGUAGE: ContextVar[str] = ContextVar("reportgen_language", default="zh")


def use_language(lang: str) -> None:
    """Show every message from now on in ``lang`` (``zh``, ``en`` or ``both``)."""
    _LANGUAGE.set(lang if lang in LANGUAGES else "zh")


def language() -> str:
    return _LANGUAGE.get()


def say(zh: str, en: str, *, lang: str | None = None) -> str:
    """Return the text of the pair in ``lang``, by default the language chosen."""
    lang = lang or _LANGUAGE.get()
    return en if lang == "en" else f"{zh} ({en})" if lang == "both" and en != zh else zh

CATALOGUE: dict[str, tuple[str, str]] = {
    # -- input: reading and schema --
    "RG100": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "RG101": ("文件不是 UTF-8 编码", "the file is not UTF-8 encoded"),
    "RG102": ("文件顶层应为“键: 值”映射", "the top level must be a mapping of keys to values"),
    "RG103": ("未知的表单类型 {form!r}，可用：{known}", "unknown form type {form!r}; known: {known}"),
    "RG104": ("重复的键 {key!r}（第 {first} 行已出现）", "duplicate key {key!r} (first at line {first})"),
    "RG105": ("JSON 语法错误：{detail}", "JSON syntax error: {detail}"),
    "RG106": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "RG107": ("超出限制：{detail_zh}", "over a limit: {detail_en}"),
    "RG117": ("规则 {rule} 无法用于此表的取值（所需的值缺失或无效：{detail}），未检查",
              "the rule {rule} could not be applied to this form's values (a value it needs is missing or "
              "invalid: {detail}); not checked"),
    "RG116": ("清单中的 {project} 不在清单所在目录 {home} 之内（可用 --root 指定上级目录）",
              "{project} lies outside the manifest's folder {home} (--root names a wider one)"),
    "RG110": ("缺少必填字段 {field}", "missing required field {field}"),
    "RG111": ("未知字段 {field}（是否拼写错误？可用字段：{known}）", "unknown field {field} (a typo? known fields: {known})"),
    "RG112": ("类型错误：应为{expected_zh}", "wrong type: expected {expected_en}"),
    "RG113": ("取值无效：{detail_zh}", "invalid value: {detail_en}"),
    "RG114": ("至少需要 {min} 项", "needs at least {min} item(s)"),
    "RG115": ("缺少 form 字段（表单类型），可用：{known}", "missing the form key (form type); known: {known}"),
    # -- funds --
    "RG201": ("{total_label} {stated} 不等于{parts_zh}之和 {sum}", "{total_label} {stated} is not the sum {sum} of {parts_en}"),
    "RG202": ("{total_label} {stated} 不等于{parts_zh}之和 {sum}", "{total_label} {stated} is not the sum {sum} of {parts_en}"),
    "RG203": ("{whole_label} {total} 小于{part_label} {annual}", "{whole_label} {total} is less than {part_label} {annual}"),
    "RG204": ("{column}：{total_label} {stated} 不等于其中各项之和 {sum}",
              "{column}: {total_label} {stated} is not the sum {sum} of its parts"),
    "RG205": ("执行数 {executed} 超过预算数 {budget}（执行率按 100% 计分）",
              "executed {executed} exceeds the budget {budget} (scored as 100%)"),
    "RG206": ("预算数为空或为 0，无法计算执行率", "the budget is blank or 0: no execution rate can be computed"),
    # -- dates --
    "RG207": ("1-{month}月执行率 {rate} 低于时间进度 {expected}，且未说明偏差原因",
              "the execution rate of months 1-{month}, {rate}, is behind the time elapsed ({expected}) with no reason given"),
    "RG208": ("1-{month}月执行率 {rate} 低于{profile}对 {by} 月末的要求 {required}",
              "the execution rate of months 1-{month}, {rate}, is below {required}, what {profile} asks by the end of month {by}"),
    "RG209": ("指标完成进度 {completion} 与预算执行率 {rate} 相差 {gap} 个百分点，超过{profile}允许的 {limit} 个百分点",
              "indicator completion {completion} and execution rate {rate} are {gap} points apart, more than the {limit} "
              "{profile} allows"),
    "RG210": ("未知的执行进度要求 {name!r}，可用：{known}", "unknown execution thresholds {name!r}; known: {known}"),
    "RG211": ("{label} {amount} 元打印为 {shown} {unit}，不是精确值（差 {diff} 元）；请按{unit}的精度填写，或确认可以取整",
              "{label} {amount} 元 prints as {shown} {unit}, which is not exact (off by {diff} 元): "
              "fill it in at the precision of {unit}, or confirm the rounding"),
    # -- the budget cycle: a project's target, monitor and self-evaluation of one year --
    "RG251": ("申报表的指标“{name}”在{later_zh}中没有（{other}）",
              "the target form's indicator “{name}” is missing from the {later_en} ({other})"),
    "RG252": ("申报表的指标“{name}”在{later_zh}中改名为“{renamed}”（{other}）",
              "the target form's indicator “{name}” is renamed “{renamed}” in the {later_en} ({other})"),
    "RG253": ("{later_zh}的指标“{name}”不在申报表中（{other}）",
              "the {later_en}'s indicator “{name}” is not in the target form ({other})"),
    "RG254": ("指标“{name}”的年度指标值在{later_zh}中由 {before} 改为 {after}，未说明原因（{other}）",
              "the annual value of “{name}” changed from {before} to {after} in the {later_en} with no reason given ({other})"),
    "RG255": ("{later_zh}的年初预算数 {initial} 不等于申报表的年度资金申请总额 {annual}（{other}）",
              "the {later_en}'s 年初预算数 {initial} is not the target form's 年度资金申请总额 {annual} ({other})"),
    "RG256": ("运行监控表的 1-{month}月执行数 {monitor} 大于自评表的全年执行数 {final}（{other}）",
              "the monitor's executed amount for months 1-{month}, {monitor}, exceeds the year's {final} ({other})"),
    "RG258": ("指标“{name}”在运行监控表中 1-{month}月已完成 {progress}，大于自评表的实际完成值 {actual}（{other}）",
              "“{name}” had reached {progress} by month {month} in the monitor, more than the year's actual {actual} ({other})"),
    "RG257": ("指标“{name}”在运行监控表中为“不可能”完成，自评却得满分 {score}，未作说明（{other}）",
              "“{name}” was marked 不可能 in the monitor, yet scores full points {score} with no explanation ({other})"),
    "RG301": ("计划完成日期 {end} 早于计划开始日期 {start}", "end date {end} is before start date {start}"),
    "RG302": ("{date} 不在表单年度 {year} 年内（一次性/经常性项目应在当年实施）",
              "{date} lies outside the form year {year} (a one-year project runs in its year)"),
    "RG303": ("{field} {date} 早于被评价的 {year} 年度结束", "{field} {date} is before the evaluated year {year} ended"),
    "RG304": ("{field} {date} 晚于 {next} 年底，距被评价的 {year} 年度过远",
              "{field} {date} is after the end of {next}, long after the evaluated year {year}"),
    "RG305": ("项目计划 {start} 至 {end} 不含表单年度 {year}", "the plan {start} to {end} does not include the form year {year}"),
    # -- stated figures and scores --
    "RG401": ("填报的执行率 {stated} 与计算值 {computed}（执行数/预算数）不符；输出使用计算值",
              "stated rate {stated} differs from the computed {computed} (executed / budget); "
              "the output shows the computed value"),
    "RG412": ("填报的执行率 {stated} 是计算值 {computed} 按 2019 年系统整数百分比取整的结果；输出使用计算值",
              "the stated rate {stated} is the computed {computed} rounded to a whole percent, as the 2019 system did; "
              "the output shows the computed value"),
    "RG402": ("填报的预算执行率得分 {stated} 与计算值 {computed}（分值 × 执行率）不符；输出使用计算值",
              "stated execution score {stated} differs from the computed {computed} (weight × rate); "
              "the output shows the computed value"),
    "RG403": ("填报的总分 {stated} 与各项得分之和 {computed} 不符；输出使用计算值",
              "stated total score {stated} differs from the sum of the scores {computed}; "
              "the output shows the computed value"),
    "RG404": ("填报的权重合计 {stated} 与各项权重之和 {computed} 不符；输出使用计算值",
              "stated weight total {stated} differs from the sum of the weights {computed}; "
              "the output shows the computed value"),
    "RG405": ("填报的绩效等级“{stated}”与按总分 {total} 评定的“{computed}”不符（{bands}）；输出使用评定值",
              "stated grade “{stated}” differs from “{computed}” for the total {total} ({bands}); "
              "the output shows the computed grade"),
    "RG406": ("{name}：自评得分 {score} 与按完成比例建议的 {suggested} 不同，请确认",
              "{name}: score {score} differs from the suggested {suggested} (proportional to completion); please confirm"),
    "RG407": ("{name}：实际完成值为“{band}”，得分应在 {low} 至 {high} 分之间，现为 {score}",
              "{name}: “{band}” scores between {low} and {high}, not {score}"),
    "RG408": ("{name}：实际完成值与目标一致（达成），得分 {score} 低于分值的 80%（{low}）",
              "{name}: the actual value meets the target, yet the score {score} is below 80% of the weight ({low})"),
    "RG409": ("文中“{quote}”与表中{caption} {computed} 不符（超出文中写法的精度）",
              "the text's “{quote}” disagrees with the table's {caption} {computed} (beyond the text's precision)"),
    "RG410": ("文中“{quote}”与表中{caption} {table} 不符（按文中单位和精度换算）",
              "the text's “{quote}” disagrees with the table's {caption} {table} (in the text's unit and precision)"),
    "RG411": ("文中“{quote}”与指标“{name}”的指标值 {table} 不符",
              "the text's “{quote}” disagrees with the value {table} of the indicator “{name}”"),
    # -- weights --
    "RG501": ("权重合计为 {total}，应为 100", "the weights total {total}, not 100"),
    "RG502": ("一级指标“{group}”标注 {stated} 分，但其下各项权重之和为 {computed}",
              "一级指标 “{group}” states {stated} points but its rows add up to {computed}"),
    "RG503": ("{name}：得分 {score} 超出 0 至权重 {weight} 的范围", "{name}: score {score} is outside 0 to the weight {weight}"),
    "RG504": ("{name}：得分 {score} 低于分值 {weight}，但未填写偏差原因分析及改进措施",
              "{name}: score {score} is below the weight {weight} but no deviation reason is given"),
    "RG506": ("{name}：未填写得分", "{name}: no score given"),
    "RG508": ("{name}：实际完成值 {actual} 超出目标 {target} 30% 以上，请说明原因（目标是否定得过低）",
              "{name}: the actual {actual} exceeds the target {target} by 30% or more; give the reason (was the target too low?)"),
    "RG509": ("{name}：得分 {score} 低于权重 {weight}，但备注和主要问题都没有说明原因",
              "{name}: score {score} is below the weight {weight}, but neither 备注 nor 主要问题 says why"),
    "RG507": ("预算执行率分值为 {weight}，本表应为 {expected}", "the execution-rate weight is {weight}; this form's is {expected}"),
    # -- indicator tree --
    "RG601": ("一级指标“{name}”不属于本表的指标体系（{known}）", "一级指标 “{name}” is not in this form's taxonomy ({known})"),
    "RG602": ("二级指标“{name}”应归入一级指标“{home}”，不应放在“{level1}”下",
              "二级指标 “{name}” belongs under “{home}”, not under “{level1}”"),
    "RG603": ("一级指标“{name}”顺序不对，应按：{order}", "一级指标 “{name}” is out of order; expected: {order}"),
    "RG604": ("缺少一级指标“{name}”", "一级指标 “{name}” is missing"),
    "RG605": ("二级指标“{name}”不在“{level1}”的常用分类中（{known}）",
              "二级指标 “{name}” is not a usual group of “{level1}” ({known})"),
    "RG606": ("三级指标“{name}”重复（首次出现于 {first}）", "三级指标 “{name}” appears twice (first at {first})"),
    "RG607": ("“{value}”不是常见取值（{known}）", "“{value}” is not a usual value ({known})"),
    # -- indicator values --
    "RG701": ("定量指标值 {value} 缺少计量单位", "the quantitative value {value} has no unit"),
    "RG702": ("指标值 {value} 没有运算符，按“{op}”处理", "the value {value} has no operator; read as “{op}”"),
    "RG703": ("百分比目标 {value} 超过或要求超过 100%", "the percentage target {value} exceeds, or asks to exceed, 100%"),
    "RG704": ("满意度指标“{name}”应为定量百分比（如 ≥90%），现为“{value}”",
              "satisfaction indicator “{name}” should be a percentage such as ≥90%, not “{value}”"),
    "RG705": ("三级指标“{name}”缺少指标值", "三级指标 “{name}” has no value"),
    "RG706": ("满意度指标“{name}”的目标 {value} 低于 85%", "satisfaction target {value} of “{name}” is below 85%"),
    # -- text --
    "RG802": ("文本中残留标记或提取碎片“{debris}”，会原样打印", "markup or extraction debris “{debris}” would print as is"),
    "RG810": ("第 {offset} 个字符 U+{code:04X} 是控制字符或代理码位，DOCX/XLSX（XML）无法保存，请删除",
              "character {offset} is U+{code:04X}, a control character or surrogate that DOCX/XLSX (XML) "
              "cannot hold; remove it"),
    "RG803": ("必填文本 {field} 为空", "the required text {field} is empty"),
    "RG804": ("中文里夹着英文词“{word}”（第 {at} 字：“{quote}”{more_zh}），像是翻译或提取留下的",
              "the English “{word}” sits between Chinese characters (character {at}: “{quote}”{more_en}), "
              "left by translation or extraction"),
    "RG805": ("“{word}”中间夹着数字 {digits}（第 {at} 字：“{quote}”{more_zh}）",
              "the digits {digits} split the word “{word}” (character {at}: “{quote}”{more_en})"),
    "RG806": ("问号不在问句里，像是丢失的字符（第 {at} 字：“{quote}”{more_zh}）",
              "a question mark outside a question, probably a lost character (character {at}: “{quote}”{more_en})"),
    "RG807": ("中文句子里用了半角标点“{mark}”（第 {at} 字：“{quote}”；{where_zh}），应为全角",
              "half-width “{mark}” in a Chinese sentence (character {at}: “{quote}”; {where_en}); "
              "use the full-width mark"),
    "RG808": ("这段文字与 {first} 重复（“{quote}”，{length} 字），是否误复制？",
              "this passage repeats {first} (“{quote}”, {length} characters); copied by mistake?"),
    "RG809": ("这段文字与另一项目的 {first} 重复（“{quote}”，{length} 字），是否误复制？",
              "this passage repeats {first} of another project (“{quote}”, {length} characters); copied by mistake?"),
    "RG811": ("有 {count} 项指标的完成目标可能性为“{value}”（首项 {row}），须填写 {field}",
              "{count} indicator(s) marked “{value}” (first: {row}): {field} is required"),
    # -- fonts --
    "RG800": ("没有可用的中文字体（找到：{fonts}）。请安装：Debian/Ubuntu：sudo apt-get install fonts-noto-cjk；"
              "Windows：自带宋体、黑体（SimSun、SimHei），或安装 Noto Serif CJK SC；"
              "macOS：自带 Songti SC、Heiti SC，或 brew install --cask font-noto-serif-cjk-sc",
              "no Chinese font is installed (found: {fonts}). Install one: Debian/Ubuntu: sudo apt-get install "
              "fonts-noto-cjk; Windows: SimSun and SimHei come with it, or install Noto Serif CJK SC; "
              "macOS: Songti SC and Heiti SC come with it, or brew install --cask font-noto-serif-cjk-sc"),
    "RG801": ("字符 “{char}”（U+{code:04X}）在所配置的字体（{fonts}）中都没有字形，打印会显示为方框",
              "character “{char}” (U+{code:04X}) has no glyph in any configured font ({fonts}); it would print as a box"),
    # -- import: reading edited files back --
    "RG901": ("{where_zh}：“{text}”不是{kind_zh}，无法读取", "{where_en}: {text!r} is not {kind_en}; cannot read it"),
    "RG902": ("{where_zh}：{detail_zh}", "{where_en}: {detail_en}"),
    "RG903": ("文件中没有 reportgen 内嵌的表单数据：它不是 reportgen 生成的（或内嵌数据被删除）。"
              "请导入 reportgen render / booklet / new 生成的 PDF、DOCX 或 XLSX，或直接编辑 YAML",
              "the file carries no reportgen form data: reportgen did not write it (or its data was removed). "
              "Import a PDF, DOCX or XLSX written by reportgen render, booklet or new, or edit the YAML"),
    "RG904": ("文件已损坏或不完整，无法打开（{detail}）：请重新保存或重新下载",
              "the file is damaged or incomplete and cannot be opened ({detail}); save or download it again"),
    "RG905": ("找不到表单中“{caption}”所在的行：表格结构与表单版式不符（是否是另一种表单，或删改了标题行？）",
              "cannot find the row of {caption!r}: the table does not follow the form's layout "
              "(another form, or caption rows changed?)"),
    "RG906": ("{where_zh}：内容“{text}”不属于任何字段，未导入", "{where_en}: {text!r} belongs to no field and was not imported"),
    "RG907": ("不是 PDF、DOCX 或 XLSX 文件，无法导入", "not a PDF, DOCX or XLSX file; cannot import it"),
    "RG908": ("PDF 不可编辑：导入的是其中内嵌的数据；修改请在 DOCX 或 XLSX 中进行",
              "a PDF is not edited in place: its embedded data was imported; edit the DOCX or XLSX instead"),
    "RG912": ("文件由表单 {form} 生成，此处不认识该表单：请用 --forms DIR 指向含有 {form}/ 目录（其 form.yaml 等）的表单定义目录",
              "the file was made with the form {form}, which is not known here: give --forms DIR, the folder of "
              "form definitions that holds {form}/ (its form.yaml …)"),
    "RG909": ("内嵌的表单数据已损坏，无法导入（{detail}）", "the embedded form data is damaged and cannot be imported ({detail})"),
    "RG914": ("文件内嵌的数据里没有任何表单（forms 为空），没有可导入的内容",
              "the file's embedded data holds no form (forms is empty): there is nothing to import"),
    "RG913": ("{where_zh}：单元格里是公式 {formula}（{cached_zh}），未导入；请改为直接填写的值",
              "{where_en}: the cell holds the formula {formula} ({cached_en}); not imported: type the value instead"),
    "RG911": ("{where_zh}：必填，尚未填写", "{where_en}: required, not filled in"),
    "RG910": ("文件是 {found} 表单，不是 {expected}", "the file holds a {found} form, not {expected}"),
}

_WRONG_TYPE = {
    "text": ("文本", "text"),
    "number": ("数字", "a number"),
    "money": ("金额数字，如 4087500.00", "an amount like 4087500.00"),
    "date": ("日期，如 2026-01-01", "a date like 2026-01-01"),
    "integer": ("整数", "a whole number"),
    "year": ("年份，如 2026（1990–2100）", "a year such as 2026 (1990-2100)"),
    "list": ("列表", "a list"),
    "mapping": ("“键: 值”映射", "a mapping of keys to values"),
    "value": ("指标值，如 ≥500(件)、=100%，或文字", "an indicator value like ≥500(件), =100%, or text"),
    "bool": ("是 / 否", "yes / no"),
    "percent": ("百分比，如 99.94%", "a percentage like 99.94%"),
}


def wrong_type(kind: str) -> dict:
    """Return the message parameters of RG112 for a value that should be of ``kind``."""
    zh, en = _WRONG_TYPE[kind]
    return {"expected_zh": zh, "expected_en": en}


def message(code: str, lang: str, params: dict) -> str:
    """Return the text of ``code`` in ``lang`` (``zh``, ``en`` or ``both``) with ``params`` filled in."""
    zh, en = CATALOGUE[code]
    return say(zh.format(**params), en.format(**params), lang=lang)
