"""Captions shared by several chapters: the window of a long sentence, the automatic focus, honesty notes."""

ZH = {
    "legend": "注意力权重",
    "window.focus": "这句话有 {total} 个词，这里显示第 {first}–{last} 个（围绕焦点词）：注意力只在这些词之间计算",
    "window.first": "这句话有 {total} 个词，这里显示前 {last} 个：注意力只在这些词之间计算",
    "auto_focus.pronoun": "没有指定焦点词，自动选了{w0}：第一个第三人称代词（它、他、她……）",
    "auto_focus.content": "没有指定焦点词，自动选了{w0}：句中没有第三人称代词，就选最后一个实词",
    "auto_focus.word": "没有指定焦点词，自动选了{w0}：句中没有代词也没有实词，就选最后一个不是标点的词",
    "auto_focus.last": "没有指定焦点词，自动选了{w0}：句中只有标点，就选最后一个",
    "note.rounded": "（显示的数字是四舍五入的，加起来是 {shown_range}）",
    "note.zero": "（最小的是 {min}，显示成 0.00）",
    "note.scale_off": "（显示的分数是四舍五入的，自己用 {divisor} 去除，有 {cells_off} 格最后一位会不同）",
    "note.skipped_first": "（第一个词前面没有词可回看，所以跳过）",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "legend": "attention weight",
    "window.focus": "The sentence has {total} words; showing words {first}–{last}, around the focus word: "
    "attention is computed among these",
    "window.first": "The sentence has {total} words; showing the first {last}: attention is computed among these",
    "auto_focus.pronoun": "No focus word given, so {w0} was chosen: the first third-person pronoun "
    "(it, he, she, they)",
    "auto_focus.content": "No focus word given, so {w0} was chosen: no third-person pronoun, so the last "
    "content word",
    "auto_focus.word": "No focus word given, so {w0} was chosen: no pronoun or content word, so the last word "
    "that is not punctuation",
    "auto_focus.last": "No focus word given, so {w0} was chosen: only punctuation, so the last token",
    "note.rounded": " (the rounded numbers shown add to {shown_range})",
    "note.zero": " (the smallest, {min}, is written 0.00)",
    "note.scale_off": " (the scores shown are rounded: dividing them by {divisor} yourself changes the last digit "
    "in {cells_off} of {cells} cells)",
    "note.skipped_first": " (the first word is skipped: nothing comes before it)",
}

ZH.update(
    {
        "source.model": "{model}{bits} · 第 {layer}/{layers} 层 · 第 {head} 个头",
        "source.bits": "（4 位权重，近似）",
        "source.lexicon": "设计的词表（不是训练出来的模型）",
        "head.pick": "{model} 第 {layer} 层第 {head} 个头：{w0}在这个头里给不相邻的词的权重最大（{w1}，{score}）",
        "head.pick.near": "{model} 第 {layer} 层第 {head} 个头：{w0}在这个头里给别的词的权重最大（{w1}，{score}）",
        "head.pick.only": "{model} 第 {layer} 层第 {head} 个头：{w0}只有一个不相邻的词{w1}，这个头给它的权重最大"
        "（{score}）",
        "head.pick.near.only": "{model} 第 {layer} 层第 {head} 个头：{w0}只有一个别的词{w1}，这个头给它的权重最大"
        "（{score}）",
        "heads.agree": "头各不相同：不相邻的词里，{total_heads} 个头中有 {agree} 个让{w0}最关注{w1}；"
        "第 {runner_layer} 层第 {runner_head} 个头最关注{w2}（{runner_w}）",
        "heads.agree.all": "在不相邻的词里，{total_heads} 个头都让{w0}最关注{w1}",
        "heads.agree.near": "各个头并不一样：{total_heads} 个头中有 {agree} 个让{w0}最关注{w1}；"
        "第 {runner_layer} 层第 {runner_head} 个头最关注{w2}（{runner_w}）",
        "heads.agree.near.all": "{total_heads} 个头都让{w0}最关注{w1}",
        "reads_to_focus": "模型只读到{w0}为止：后面的词它看不到",
    }
)

EN.update(
    {
        "source.model": "{model}{bits} · layer {layer}/{layers} · head {head}",
        "source.bits": " (4-bit weights, approximate)",
        "source.lexicon": "designed lexicon (not a trained model)",
        "head.pick": "{model}, layer {layer}, head {head}: here {w0} gives the most to a word not next to it "
        "({w1}, {score})",
        "head.pick.near": "{model}, layer {layer}, head {head}: here {w0} gives the most to one other word "
        "({w1}, {score})",
        "head.pick.only": "{model}, layer {layer}, head {head}: {w0} has one word not next to it, {w1}; this head "
        "gives it the most ({score})",
        "head.pick.near.only": "{model}, layer {layer}, head {head}: {w0} has one other word, {w1}; this head gives "
        "it the most ({score})",
        "heads.agree": "Heads differ: {w0} links most to {w1} among words not next to it in {agree} of "
        "{total_heads} heads; layer {runner_layer}, head {runner_head}: {w2} ({runner_w})",
        "heads.agree.all": "Among words not next to it, {w0} links most to {w1} in all {total_heads} heads",
        "heads.agree.near": "Heads differ: {w0} links most to {w1} in {agree} of {total_heads} heads; layer "
        "{runner_layer}, head {runner_head} favours {w2} ({runner_w})",
        "heads.agree.near.all": "In all {total_heads} heads {w0} links most to {w1}",
        "reads_to_focus": "The model reads only up to {w0}: it cannot see the words after it",
    }
)
