"""Captions of chapter 9, real-model. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "rm.title": "真实模型的注意力",
    "rm.source": "{model}{bits} · {layers} 层 × {heads} 个头",
    "rm.pieces": "模型按自己的片段读：{words} 个词切成 {pieces_n}，另加 {specials}；{split_list}",
    "rm.pieces.joined": "模型按自己的片段读：{words} 个词成了 {pieces_n}，另加 {specials}",
    "rm.pieces.whole": "模型按它自己的片段读：这 {words} 个词正好是 {pieces_n}，另加 {specials}",
    "rm.crossing": "{crossing_desc}：片段得到的注意力按字数分给这些词",
    "rm.empty": "片段「{empty_text}」不对应任何字：给它的注意力和特殊符号的算在一起",
    "rm.gallery": "这句话在全部 {total} 个头（{layers} 层 × {heads} 个）里的注意力，每个小方块是一个头；"
    "平均每个词有 {special_mean} 的注意力给了 {special_names}",
    "rm.head_title": "第 {layer} 层 · 第 {head} 个头",
    "rm.axis.layer": "层",
    "rm.axis.head": "头",
    "rm.head.focus_link": "第 {layer} 层第 {head} 个头：{w0}给{link_list} "
    "{w_each}——所有头里它给不相邻的词的最强一条连线",
    "rm.head.focus_link.near": "第 {layer} 层第 {head} 个头：{w0}给{link_list} "
    "{w_each}——所有头里它给另一个词的最强一条连线",
    "rm.groups": "按这句话里做的事给 {total} 个头分组：前一个词 {n_previous}、后一个词 {n_next}、自己 {n_self}、"
    "同一个词 {n_sink}、特殊符号 {n_special}、平均 {n_broad}、{w0}的远处连线 {n_focus}、其他 {n_other}",
    "rm.group_name.previous": "前一个词",
    "rm.group_name.next": "后一个词",
    "rm.group_name.self": "自己",
    "rm.group_name.sink": "同一个词（汇聚）",
    "rm.group_name.special": "特殊符号",
    "rm.group_name.broad": "平均分散",
    "rm.group_name.focus": "{w0}的远处连线",
    "rm.group_name.other": "其他",
    "rm.group.previous": "“前一个词”：{heads_n}里，至少 {row_share} 的行最关注前一个词；例如第 {layer} 层第 {head} "
    "个头",
    "rm.group.next": "“后一个词”：{heads_n}里，至少 {row_share} 的行最关注后一个词；例如第 {layer} 层第 {head} 个头",
    "rm.group.self": "“自己”：{heads_n}里，至少 {row_share} 的行最关注这个词自己；例如第 {layer} 层第 {head} 个头",
    "rm.group.sink": "“同一个词”：{heads_n}里，一个词是其余至少 {row_share} 行的首选；例如第 {layer} 层第 {head} "
    "个头",
    "rm.group.special": "“特殊符号”：{heads_n}平均把至少 {special} 给了特殊符号，又不属于上面几组；例如第 {layer} 层"
    "第 {head} 个头",
    "rm.group.broad": "“平均”：{heads_n}里，每一行给词的注意力中没有一个词超过 {even_top}；例如第 {layer} 层第 "
    "{head} 个头",
    "rm.group.focus": "“远处连线”：{heads_n}里，{w0}最关注的词不和它相邻，而且至少得到 {even_top}；例如第 {layer} 层"
    "第 {head} 个头",
    "rm.chosen_title": "你要看的：{label}",
    "rm.layer": "第 {k} 层",
    "rm.layer_means": "每层各头的平均：第 1 层里，一个词留给自己 {first_self}，给相邻的词 {first_near}，更远的词 "
    "{first_far}，特殊符号 {first_special}；第 {layers} 层依次是 "
    "{last_self}、{last_near}、{last_far}、{last_special}",
    "note.shares_rounded": "（四舍五入后分别加起来是 {first_shown_sum} 和 {last_shown_sum}）",
    "rm.rollout_row": "「{word}」的注意力展开，逐层累积",
    "rm.rollout": "注意力展开穿过全部 {layers} 层：{w0}最后留给自己 "
    "{self}，别的词里最多追溯到{top_list}（{top_each}），特殊符号 {special}",
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
    "rm.pieces": "The model reads its own pieces, not words: {words} words become {pieces_n}, plus {specials}; "
    "{split_list}",
    "rm.pieces.joined": "The model reads its own pieces, not words: {words} words become {pieces_n}, plus {specials}",
    "rm.pieces.whole": "The model reads its own pieces: these {words} words are exactly {pieces_n}, plus {specials}",
    "rm.crossing": "{crossing_desc_cap}: a piece's attention is shared among its words by letters",
    "rm.empty": 'The piece "{empty_text}" covers no character: what goes to it counts with the special tokens',
    "rm.gallery": "This sentence in all {total} heads ({layers} layers × {heads}), one small heatmap each; on "
    "average {special_mean} of a word's attention goes to {special_names}",
    "rm.head_title": "layer {layer} · head {head}",
    "rm.axis.layer": "layer",
    "rm.axis.head": "head",
    "rm.head.focus_link": "Layer {layer}, head {head}: {w0} gives {link_list} {w_each}, the strongest link to a "
    "word not next to it in any head",
    "rm.head.focus_link.near": "Layer {layer}, head {head}: {w0} gives {link_list} {w_each}, the strongest link to "
    "another word in any head",
    "rm.groups": "The {total} heads grouped by what they do here: previous word {n_previous}, next word {n_next}, "
    "itself {n_self}, one word for all {n_sink}, special tokens {n_special}, spread out {n_broad}, {w0} to a far "
    "word {n_focus}, other {n_other}",
    "rm.group_name.previous": "previous word",
    "rm.group_name.next": "next word",
    "rm.group_name.self": "itself",
    "rm.group_name.sink": "one word for all (sink)",
    "rm.group_name.special": "special tokens",
    "rm.group_name.broad": "spread out",
    "rm.group_name.focus": "{w0} to a far word",
    "rm.group_name.other": "other",
    "rm.group.previous": "Previous word: in {heads_n}, at least {row_share} of the rows favour the word just before; "
    "e.g. layer {layer}, head {head}",
    "rm.group.next": "Next word: in {heads_n}, at least {row_share} of the rows favour the word just after; e.g. "
    "layer {layer}, head {head}",
    "rm.group.self": "Itself: in {heads_n}, at least {row_share} of the rows favour their own word; e.g. layer "
    "{layer}, head {head}",
    "rm.group.sink": "One word for all (a sink): in {heads_n}, one word is the favourite of at least {row_share} of "
    "the other rows; e.g. layer {layer}, head {head}",
    "rm.group.special": "Special tokens: {heads_n} give them at least {special} on average and show none of the "
    "patterns above; e.g. layer {layer}, head {head}",
    "rm.group.broad": "Spread out: in {heads_n}, no word gets more than {even_top} of what a row gives the words; "
    "e.g. layer {layer}, head {head}",
    "rm.group.focus": "To a far word: in {heads_n}, the favourite of {w0} is not next to it and gets at least "
    "{even_top}; e.g. layer {layer}, head {head}",
    "rm.chosen_title": "your view: {label}",
    "rm.layer": "layer {k}",
    "rm.layer_means": "The mean of each layer's heads: in layer 1 a word keeps {first_self} for itself, gives its "
    "neighbours {first_near}, farther words {first_far}, special tokens {first_special}; in layer {layers}: "
    "{last_self}, {last_near}, {last_far}, {last_special}",
    "note.shares_rounded": " (rounded, they add to {first_shown_sum} and {last_shown_sum})",
    "rm.rollout_row": 'Rollout of "{word}", layer by layer',
    "rm.rollout": "Rollout through all {layers} layers: {w0} keeps {self} of itself, traces back most to "
    "{top_list} ({top_each}) among the other words, and {special} to the special tokens",
    "rm.focus_row": 'Where "{word}" looks, layer by layer (mean of the heads)',
    "rm.layers": "Layer by layer (mean of the heads): in the first {third} layers {w0} looks most at {early_list} "
    "({early_each}), in the last {third} at {late_list} ({late_each})",
    "rm.layers.same": "Layer by layer (mean of the heads): in the first {third} layers and in the last {third}, {w0} "
    "looks most at {early_list} ({early_each}; {late_each})",
    "rm.close": "Each head is one way of comparing words: this model learned {total} of them",
}
