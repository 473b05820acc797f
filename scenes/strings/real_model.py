"""Captions of chapter 9, real-model. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "rm.title": "真实模型的注意力",
    "rm.source": "{model}{bits} · {layers} 层 × {heads} 个头",
    "rm.pieces": "模型不按词读，而按它自己的片段：{words} 个词切成 {pieces} 个片段，另加 {specials}；{split_list}",
    "rm.pieces.whole": "模型按它自己的片段读：这 {words} 个词正好是 {pieces} 个片段，另加 {specials}",
    "note.crossing": "（片段 {crossing} 跨了两个词：它得到的注意力按字数分给这两个词）",
    "rm.gallery": "这句话在全部 {total} 个头（{layers} 层 × {heads} 个）里的注意力，每个小方块是一个头；"
    "平均每个词有 {special_mean} 的注意力给了 {special_names}",
    "rm.head_title": "第 {layer} 层 · 第 {head} 个头",
    "rm.axis.layer": "层",
    "rm.axis.head": "头",
    "rm.head.previous": "第 {layer} 层第 {head} 个头：词给它前面那个词平均 {w}；"
    "后面 {rows} 个词里有 {led} 个最看前面那个词——“前一个词”头",
    "rm.head.previous.all": "第 {layer} 层第 {head} 个头：除了第一个词，每个词都最看它前面那个词（平均 {w}）"
    "——“前一个词”头",
    "rm.head.broad": "第 {layer} 层第 {head} 个头：所有头里注意力分得最平均的一个"
    "（每一行给词的注意力里，没有一个词超过 {top}）",
    "rm.head.focus_link": "第 {layer} 层第 {head} 个头：{w0}给{w1} {w}——所有头里它给不相邻的词的最强一条连线",
    "rm.head.focus_link.near": "第 {layer} 层第 {head} 个头：{w0}给{w1} {w}——所有头里它给另一个词的最强一条连线",
    "rm.layer": "第 {k} 层",
    "rm.focus_row": "「{word}」在每一层看哪里（各头平均）",
    "rm.layers": "逐层看（各头平均）：前 {third} 层{w0}最看{early_list}（{early_each}），"
    "最后 {third} 层最看{late_list}（{late_each}）",
    "rm.layers.same": "逐层看（各头平均）：前 {third} 层和最后 {third} 层，{w0}都最看{early_list}（{early_each}；"
    "{late_each}）",
    "rm.close": "每个头都是一种比较词的方式：这个模型学了 {total} 种",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "rm.title": "What a trained model attends to",
    "rm.source": "{model}{bits} · {layers} layers × {heads} heads",
    "rm.pieces": "The model reads its own pieces, not words: {words} words become {pieces} pieces, plus {specials}; "
    "{split_list}",
    "rm.pieces.whole": "The model reads its own pieces: these {words} words are exactly {pieces} pieces, plus "
    "{specials}",
    "note.crossing": " (the piece {crossing} spans two words: its attention is shared between them by letters)",
    "rm.gallery": "This sentence in all {total} heads ({layers} layers × {heads}), one small heatmap each; on "
    "average {special_mean} of a word's attention goes to {special_names}",
    "rm.head_title": "layer {layer} · head {head}",
    "rm.axis.layer": "layer",
    "rm.axis.head": "head",
    "rm.head.previous": "Layer {layer}, head {head}: a word gives the word before it {w} on average; {led} of the "
    "{rows} words after the first look most at the word before, a previous-word head",
    "rm.head.previous.all": "Layer {layer}, head {head}: every word after the first looks most at the word before it "
    "({w} on average), a previous-word head",
    "rm.head.broad": "Layer {layer}, head {head}: the most evenly spread of all heads (no word gets more than {top} "
    "of what its row gives to words)",
    "rm.head.focus_link": "Layer {layer}, head {head}: {w0} gives {w1} {w}, the strongest link to a word not next to "
    "it in any head",
    "rm.head.focus_link.near": "Layer {layer}, head {head}: {w0} gives {w1} {w}, the strongest link to another word "
    "in any head",
    "rm.layer": "layer {k}",
    "rm.focus_row": 'Where "{word}" looks, layer by layer (mean of the heads)',
    "rm.layers": "Layer by layer (mean of the heads): in the first {third} layers {w0} looks most at {early_list} "
    "({early_each}), in the last {third} at {late_list} ({late_each})",
    "rm.layers.same": "Layer by layer (mean of the heads): in the first {third} layers and in the last {third}, {w0} "
    "looks most at {early_list} ({early_each}; {late_each})",
    "rm.close": "Each head is one way of comparing words: this model learned {total} of them",
}
