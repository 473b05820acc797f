"""Captions of chapter 3, self-attention-idea."""

ZH = {
    "sa.title": "自注意力：每个词直接看到每个词",
    "sa.chain": "RNN：信息从「{first}」传到「{last}」要走 {steps} 步",
    "sa.pairs": "自注意力：每两个词直接相连，任意两个词之间只隔 1 步",
    "sa.path_rnn": "RNN：{steps} 步",
    "sa.path_attn": "自注意力：1 步",
    "sa.parallel": "所有位置同时计算：{n}×{n} 的权重矩阵一步全部得到",
    "sa.rows": "每一行是一个词在看所有词：行是查询，列是键，颜色是权重",
    "sa.auto_focus": "没有指定焦点词，自动选了「{word}」（有代词选代词，否则选最后一个实词）",
    "sa.focus": "看「{word}」这一行：它的注意力分给了句子里的每个词",
    "sa.best": "「{word}」最关注「{best}」（{w}）：权重由词的内容算出，换一句话就不同",
    "sa.close": "自注意力：路径长度 1、一步并行、动态权重",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "sa.title": "Self-attention: every word sees every word",
    "sa.chain": 'RNN: information from "{first}" reaches "{last}" after {steps} steps',
    "sa.pairs": "Self-attention: every pair of words is joined directly, one step apart",
    "sa.path_rnn": "RNN: {steps} steps",
    "sa.path_attn": "self-attention: 1 step",
    "sa.parallel": "All positions at once: the whole {n}×{n} weight matrix in a single step",
    "sa.rows": "Each row is one word looking at every word: rows are queries, columns keys, colour is weight",
    "sa.auto_focus": 'No focus word given, so "{word}" was chosen (a pronoun if any, else the last content word)',
    "sa.focus": 'Take the row of "{word}": its attention is spread over every word of the sentence',
    "sa.best": '"{word}" attends most to "{best}" ({w}): computed from the words, so they change with the sentence',
    "sa.close": "Self-attention: path length 1, one parallel step, dynamic weights",
}
