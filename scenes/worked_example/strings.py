"""Captions of chapter 6, worked-example. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "we.title": "逐个数字算一遍",
    "we.intro": "「{sentence}」有 {n} 个词，每个词是一个 {d} 维向量，合起来是矩阵 X（{n}×{d}）",
    "we.x1": "第一行 x₁ = [{x1}]，是{w0}的向量",
    "we.project": "{name} = X · W_{name}：每一行 x_i 都乘以同一个 {d}×{d_k} 矩阵",
    "we.first_entry": "第 1 行 · 第 1 列 = {result}：可以用计算器核对",
    "we.first_entry.approx": "第 1 行 · 第 1 列 = {result}：显示的因数是四舍五入的，用它们算得 {from_shown}；"
    "格子里的数是用未舍入的值算的",
    "we.qkv_done": "Q、K、V 都是 {n}×{d_k}：查询（蓝）、键（橙）、值（绿）",
    "we.scores": "分数 = Q · Kᵀ：每个查询和每个键做点积，得到 {n}×{n} 矩阵",
    "we.scale": "再除以 √d_k = √{d_k} ≈ {divisor}，让分数不会随维度变大",
    "we.scale.exact": "再除以 √d_k = √{d_k} = {divisor}，让分数不会随维度变大",
    "we.softmax": "softmax 按行计算：第 {i} 行（{w0}）的权重都为正，和为 1",
    "we.weighted": "输出 = 权重 · V：「{tok}」的输出是 V 各行的加权和",
    "we.summary": "每个输出都是 V 的加权平均；{reading}",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "we.title": "Every number, by hand",
    "we.intro": '"{sentence}" has {n} tokens; each is a {d}-dimensional vector, together the matrix X ({n}×{d})',
    "we.x1": "Row one, x₁ = [{x1}], is the vector of {w0}",
    "we.project": "{name} = X · W_{name}: every row x_i times the same {d}×{d_k} matrix",
    "we.first_entry": "Row 1 · column 1 = {result}: check it with a calculator",
    "we.first_entry.approx": "Row 1 · column 1 = {result}; the factors shown are rounded, so a calculator gives "
    "{from_shown} from them: the cell is computed from the unrounded values",
    "we.qkv_done": "Q, K and V are all {n}×{d_k}: queries (blue), keys (orange), values (green)",
    "we.scores": "Scores = Q · Kᵀ: every query dotted with every key, {a_n} {n}×{n} matrix",
    "we.scale": "Divide by √d_k = √{d_k} ≈ {divisor} so scores do not grow with the dimension",
    "we.scale.exact": "Divide by √d_k = √{d_k} = {divisor} so scores do not grow with the dimension",
    "we.softmax": "Softmax, row by row: row {i} ({w0}) is all positive and sums to 1",
    "we.weighted": 'Output = weights · V: the output of "{tok}" is a weighted sum of the rows of V',
    "we.summary": "Each output is a weighted average of V; {reading}",
}
