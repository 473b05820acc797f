"""Captions of chapter 3, self-attention-idea. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "sa.title": "自注意力：每个词直接看到每个词",
    "sa.chain": "RNN：信息从{w0}传到{w1}要走 {steps_n}",
    "sa.pairs": "自注意力：每两个词直接相连，任意两个词之间只隔 1 步",
    "sa.path_rnn": "RNN：{steps_n}",
    "sa.path_attn": "自注意力：1 步",
    "sa.parallel": "所有位置同时计算：{n}×{n} 的权重矩阵一步全部得到",
    "sa.rows": "每一行是一个词在看所有词：行是查询，列是键，颜色是权重",
    "sa.focus": "看「{word}」这一行：它的注意力分给了这 {n} 个词",
    "sa.best": "{reading}{special_note}：权重由词的内容算出，换一句话就不同",
    "sa.close": "自注意力：路径长度 1、一步并行、动态权重",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "sa.title": "Self-attention: every word sees every word",
    "sa.chain": "RNN: information from {w0} reaches {w1} after {steps_n}",
    "sa.pairs": "Self-attention: every pair of words is joined directly, one step apart",
    "sa.path_rnn": "RNN: {steps_n}",
    "sa.path_attn": "self-attention: 1 step",
    "sa.parallel": "All positions at once: the whole {n}×{n} weight matrix in a single step",
    "sa.rows": "Each row is one word looking at every word: rows are queries, columns keys, colour is weight",
    "sa.focus": 'Take the row of "{word}": its attention is spread over {all_n_words}',
    "sa.best": "{reading}{special_note}: computed from the words, so the weights change with the sentence",
    "sa.close": "Self-attention: path length 1, one parallel step, dynamic weights",
}
