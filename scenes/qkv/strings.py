"""Captions of chapter 4, qkv. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "qkv.title": "查询、键、值",
    "qkv.query_card": "查询：{query}",
    "qkv.reading": "读到的内容",
    "qkv.lib_query": "在图书馆里找「{query}」：你的问题就是查询（Query）",
    "qkv.lib_keys": "每本书的书名是键（Key）：拿来和查询比对",
    "qkv.lib_match": "书名和查询共有的词：{matches}；softmax 后变成匹配权重",
    "qkv.lib_weights": "{reading}",
    "qkv.lib_values": "书的内容是值（Value）：每本书在 {k} 个主题上的分布",
    "qkv.lib_reading": "读到的 = 各书内容按权重混合：「{topic}」占 {r}，大部分来自{w0}",
    "qkv.lib_reading.most": "读到的 = 各书内容按权重混合：「{topic}」占 {r}，来自{w0}的最多",
    "qkv.lib_map": "查询 → Q，书名 → K，内容 → V：注意力做的是同一件事",
    "qkv.words": "回到句子：{n} 个词，每个词是一个 {d} 维向量 x_i，合起来是 X",
    "qkv.elided": "词太多，画不下：第 {first}–{last} 行用 ⋮ 代替（共 {n} 行，每行都照样计算）",
    "qkv.project": "{name} = X · W_{name}：每一行 x_i 乘以同一个 {d}×{d_k} 矩阵",
    "qkv.first_entry": "「{tok}」的 q 的第一个数 = {result}：x₁ 和 W_Q 第一列的点积",
    "qkv.first_entry.approx": "「{tok}」的 q 的第一个数 = {result}：显示的因数是四舍五入的，用它们算得 {from_shown}",
    "qkv.summary": "同一个词，三种角色：Q（蓝）找别人，K（橙）被找，V（绿）被取走",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "qkv.title": "Query, key, value",
    "qkv.query_card": "Query: {query}",
    "qkv.reading": "What you read",
    "qkv.lib_query": 'Looking for "{query}" in a library: your question is the query',
    "qkv.lib_keys": "Each book's title is a key: it is compared with the query",
    "qkv.lib_match": "Words each title shares with the query: {matches}; softmax makes them weights",
    "qkv.lib_weights": "{reading}",
    "qkv.lib_values": "Each book's contents are its value: a mix of {k} topics",
    "qkv.lib_reading": "Mixed by weight: {topic} makes up {r}, mostly from {w0}",
    "qkv.lib_reading.most": "Mixed by weight: {topic} makes up {r}, the largest part from {w0}",
    "qkv.lib_map": "Query → Q, titles → K, contents → V: attention does the same",
    "qkv.words": "Back to the sentence: each of its {n} words is a {d}-dimensional vector x_i, together X",
    "qkv.elided": "Too many words to draw: rows {first}–{last} are replaced by ⋮ ({n} rows in all, each computed)",
    "qkv.project": "{name} = X · W_{name}: every row x_i times the same {d}×{d_k} matrix",
    "qkv.first_entry": 'First number of the q of "{tok}" = {result}: x₁ dotted with column 1 of W_Q',
    "qkv.first_entry.approx": 'First number of the q of "{tok}" = {result}; the factors shown are rounded, '
    "so with them a calculator gives {from_shown}",
    "qkv.summary": "One word, three roles: Q (blue) looks, K (orange) is looked at, V (green) is taken",
}
