"""Captions of chapter 1, intuition."""

ZH = {
    "in.title": "注意力：有选择地回看",
    "in.read": "像读者一样，一个词一个词往下读",
    "in.auto_focus": "没有指定焦点词，自动选了「{word}」（有代词选代词，否则选最后一个实词）",
    "in.pause": "读到「{word}」，先停一下：前面哪个词和它最有关？",
    "in.arcs": "「{word}」回看前面的每个词：线越粗越亮，注意力权重越大",
    "in.sum": "这些权重加起来是 1，「{word}」自己占 {w}",
    "in.best": "「{word}」最关注「{best}」，权重 {w}",
    "in.close": "注意力：处理当前词时，有选择地回看相关的词",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "in.title": "Attention: selective recall",
    "in.read": "Read the sentence word by word, as a reader does",
    "in.auto_focus": 'No focus word given, so "{word}" was chosen (a pronoun if any, else the last content word)',
    "in.pause": 'At "{word}", pause: which earlier word matters most for it?',
    "in.arcs": 'From "{word}" back to every earlier word: the thicker and brighter, the larger the attention weight',
    "in.sum": 'The weights sum to 1; "{word}" itself keeps {w}',
    "in.best": '"{word}" attends most to "{best}": weight {w}',
    "in.close": "Attention: while handling the current word, look back selectively at the words that matter",
}
