"""Captions of chapter 1, intuition. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "in.title": "注意力：有选择地回看",
    "in.read": "像读者一样，一个词一个词往下读",
    "in.pause": "读到「{word}」，先停一下：前面哪个词和它最有关？",
    "in.arcs": "「{word}」回看前面的每个词：线越粗越亮，注意力权重越大",
    "in.arcs.window": "「{word}」回看画面里前面的每个词：线越粗越亮，注意力权重越大",
    "in.self_share": "这些权重加起来是 1，{w0}自己占 {w}",
    "in.self_share.special": "词一共得到 {words_total}，特殊符号 {special_names} 得到 {special}；{w0}自己占 {w}",
    "in.best": "{reading}{special_note}",
    "in.close": "注意力：处理当前词时，有选择地回看相关的词",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "in.title": "Attention: selective recall",
    "in.read": "Read the sentence word by word, as a reader does",
    "in.pause": 'At "{word}", pause: which earlier word matters most for it?',
    "in.arcs": 'From "{word}" back to every earlier word: the thicker and brighter, the larger the weight',
    "in.arcs.window": 'From "{word}" back to every earlier word shown: the thicker and brighter, the larger '
    "the weight",
    "in.self_share": "The weights sum to 1; {w0} itself keeps {w}",
    "in.self_share.special": "The words get {words_total}, the special tokens {special_names} {special}; {w0} itself "
    "keeps {w}",
    "in.best": "{reading}{special_note}",
    "in.close": "Attention: while handling the current word, look back selectively at the words that matter",
}
