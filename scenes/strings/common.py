"""Captions shared by several chapters: the window of a long sentence, the automatic focus, honesty notes."""

ZH = {
    "legend": "注意力权重",
    "window.focus": "这句话有 {total} 个词，这里显示第 {first}–{last} 个（围绕焦点词）：注意力只在这些词之间计算",
    "window.first": "这句话有 {total} 个词，这里显示前 {last} 个：注意力只在这些词之间计算",
    "auto_focus.pronoun": "没有指定焦点词，自动选了{w0}：第一个第三人称代词（它、他、她……）",
    "auto_focus.content": "没有指定焦点词，自动选了{w0}：句中没有第三人称代词，就选最后一个实词（名词、动词、形容词"
    "等）",
    "auto_focus.word": "没有指定焦点词，自动选了{w0}：句中没有第三人称代词也没有实词，就选最后一个词（不是标点、符号"
    "或表情）",
    "auto_focus.last": "没有指定焦点词，自动选了{w0}：句中只有{marks_words}，就选最后一个",
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
    "auto_focus.content": "No focus word given, so {w0} was chosen: no third-person pronoun, so the last content "
    "word (noun, verb, adjective…)",
    "auto_focus.word": "No focus word given, so {w0} was chosen: no third-person pronoun and no content word, so "
    "the last word (not punctuation, a symbol or an emoji)",
    "auto_focus.last": "No focus word given, so {w0} was chosen: only {marks_words}, so the last token",
    "note.rounded": " (the rounded numbers shown add to {shown_range})",
    "note.zero": " (the smallest, {min}, is written 0.00)",
    "note.scale_off": " (the scores shown are rounded: dividing them by {divisor} yourself changes the last digit "
    "in {cells_off} of {cells} cells)",
    "note.skipped_first": " (the first word is skipped: nothing comes before it)",
}

ZH.update(
    {
        "source.model": "{model}{bits} · 第 {layer}/{layers} 层 · 第 {head} 个头",
        "source.mean": "{model}{bits} · 第 {first_layer}–{last_layer} 层各头平均",
        "source.mean.one": "{model}{bits} · 第 {first_layer} 层各头平均",
        "source.rollout": "{model}{bits} · 注意力展开（rollout）· {layers} 层",
        "source.bits": "（4 位权重，近似）",
        "source.lexicon": "设计的词表（不是训练出来的模型）",
        "view.given.head": "第 {layer} 层第 {head} 个头：按你的要求（--head {label}）",
        "view.given.mean": "第 {first_layer}–{last_layer} 层全部 {mean_heads} 个头的平均：按你的要求（--head "
        "{label}）",
        "view.given.mean.one": "第 {first_layer} 层 {mean_heads} 个头的平均：按你的要求（--head {label}）",
        "view.given.rollout": "注意力展开（rollout）：{layers} "
        "层逐层相乘，每层一半是各头平均、一半留给词自己；按你的要求",
        "view.focus_link": "第 {layer} 层第 {head} "
        "个头：{w0}在这里给不相邻的词的权重最大（{link_list}，{score_each}）",
        "view.focus_link.near": "第 {layer} 层第 {head} "
        "个头：{w0}在这里给别的词的权重最大（{link_list}，{score_each}）",
        "view.focus_link.only": "第 {layer} 层第 {head} "
        "个头：{w0}只有一个不相邻的词{link_list}，这个头给它的最多（{score}）",
        "view.focus_link.near.only": "第 {layer} 层第 {head} "
        "个头：{w0}只有一个别的词{link_list}，这个头给它的最多（{score}）",
        "view.varied": "第 {layer} 层第 {head} 个头：{total_heads} "
        "个头里它的各行模式最多（{kinds_list}），首选的词也最多样（{rows} 行里 {distinct} 个）",
        "view.varied.none": "第 {layer} 层第 {head} 个头：{total_heads} "
        "个头里，不是汇聚头的那些没有一个的行显出突出的模式；这个头首选的词最多样（{rows} 行里 {distinct} 个）",
        "view.varied.all_sinks": "第 {layer} 层第 {head} 个头：这句话里 {total_heads} "
        "个头都是汇聚头（多数行首选同一个词）；这个最不明显，那个词只是 {sink_rows} 行的首选",
        "view.expect": "第 {layer} 层第 {head} 个头：这里{w0}最关注的{scope_words}是{w1}（{w}）",
        "view.expect.top": "第 {layer} 层第 {head} 个头：这里{w1}和{level_list}并列{w0}最关注的{scope_words}（各 "
        "{w}）",
        "expect.article.none.top": "文章说{w0}关联的是{expect_list}：但 {total_heads} "
        "个头里没有一个让它单独成为{w0}最关注的{scope_words}；这里显示的头里它和{level_list}并列第一",
        "expect.given.none.top": "你期望{w0}关联到{expect_list}：但 {total_heads} "
        "个头里没有一个让它单独成为{w0}最关注的{scope_words}；这里显示的头里它和{level_list}并列第一",
        "note.level": "（和{level_list}并列）",
        "view.expect.none": "第 {layer} 层第 {head} 个头：这里{w1}在{w0}的{scope_words}里排{rank_ord}（{w}）",
        "view.sinks": "{sinks} 个汇聚头（多数行首选同一个词）不选：它们每一行看的都差不多",
        "note.all_sinks": "（这句话里 {total_heads} 个头都是汇聚头：多数行首选同一个词）",
        "expect.article": "文章说{w0}关联的是{expect_list}：{total_heads} 个头里有 {agree} 个让它成为{w0}最关注的"
        "{scope_words}，这个头是其中最强的",
        "expect.given": "你期望{w0}关联到{expect_list}：{total_heads} 个头里有 {agree} 个让它成为{w0}最关注的"
        "{scope_words}，这个头是其中最强的",
        "expect.article.all": "文章说{w0}关联的是{expect_list}：{total_heads} "
        "个头都让它成为{w0}最关注的{scope_words}",
        "expect.given.all": "你期望{w0}关联到{expect_list}：{total_heads} 个头都让它成为{w0}最关注的{scope_words}",
        "expect.article.none": "文章说{w0}关联的是{expect_list}：但 {total_heads} 个头里没有一个让它成为{w0}最关注的"
        "{scope_words}；这里显示它排名最高的头：排{rank_ord}，前面是{ahead_list}",
        "expect.given.none": "你期望{w0}关联到{expect_list}：但 {total_heads} 个头里没有一个让它成为{w0}最关注的"
        "{scope_words}；这里显示它排名最高的头：排{rank_ord}，前面是{ahead_list}",
        "expect.others": "其余的头里，最常见的首选是{instead_list}（{instead_each}）",
        "expect.others.tied": "其余 {tied_heads} 个头里，{w0}最关注的几个词权重写出来一样大",
        "heads.agree": "头各不相同：不相邻的词里，{total_heads} 个头中有 {agree} 个让{w0}最关注{w1}；"
        "第 {runner_layer} 层第 {runner_head} 个头最关注{w2}（{runner_w}）",
        "heads.agree.tied": "头各不相同：不相邻的词里，{total_heads} 个头中有 {agree} "
        "个让{w0}最关注{w1}；其余的头里最关注的几个词写出来一样大",
        "heads.agree.near.tied": "各个头并不一样：{total_heads} 个头中有 {agree} "
        "个让{w0}最关注{w1}；其余的头里最关注的几个词写出来一样大",
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
        "source.mean": "{model}{bits} · mean of the heads of layers {first_layer}–{last_layer}",
        "source.mean.one": "{model}{bits} · mean of the heads of layer {first_layer}",
        "source.rollout": "{model}{bits} · attention rollout · {layers} layers",
        "source.bits": " (4-bit weights, approximate)",
        "source.lexicon": "designed lexicon (not a trained model)",
        "view.given.head": "Layer {layer}, head {head}, as asked (--head {label})",
        "view.given.mean": "The mean of the {mean_heads} heads of layers {first_layer}–{last_layer}, as asked "
        "(--head {label})",
        "view.given.mean.one": "The mean of the {mean_heads} heads of layer {first_layer}, as asked (--head {label})",
        "view.given.rollout": "Attention rollout, as asked: the {layers} layers multiplied in turn, each half the "
        "mean of its heads, half the word itself",
        "view.focus_link": "Layer {layer}, head {head}: here {w0} gives the most to a word not next to it "
        "({link_list}, {score_each})",
        "view.focus_link.near": "Layer {layer}, head {head}: here {w0} gives the most to one other word "
        "({link_list}, {score_each})",
        "view.focus_link.only": "Layer {layer}, head {head}: {w0} has one word not next to it, {link_list}; this "
        "head gives it the most ({score})",
        "view.focus_link.near.only": "Layer {layer}, head {head}: {w0} has one other word, {link_list}; this head "
        "gives it the most ({score})",
        "view.varied": "Layer {layer}, head {head}: of the {total_heads} heads, its rows show the most kinds of "
        "pattern ({kinds_list}) and favour the most different words ({distinct} in {rows} rows)",
        "view.varied.none": "Layer {layer}, head {head}: of the {total_heads} heads, none that is not a sink has "
        "rows showing a pattern that stands out; this one favours the most different words ({distinct} in {rows} "
        "rows)",
        "view.varied.all_sinks": "Layer {layer}, head {head}: here all {total_heads} heads are sinks (most rows "
        "favour one word); in this one that word leads only {sink_rows} rows",
        "view.expect": "Layer {layer}, head {head}: here the strongest {scope} word for {w0} is {w1} ({w})",
        "view.expect.top": "Layer {layer}, head {head}: here {w1} ties with {level_list} as the strongest {scope} "
        "word for {w0} ({w} each)",
        "expect.article.none.top": "The article says {w0} links to {expect_list}, but in none of the {total_heads} "
        "heads is it alone the strongest {scope} word for {w0}; shown: a head where it ties for the top with "
        "{level_list}",
        "expect.given.none.top": "You expect {w0} to link to {expect_list}, but in none of the {total_heads} heads "
        "is it alone the strongest {scope} word for {w0}; shown: a head where it ties for the top with {level_list}",
        "note.level": " (level with {level_list})",
        "view.expect.none": "Layer {layer}, head {head}: here {w1} ranks {rank_ord} among the {scope} words for "
        "{w0} ({w})",
        "view.sinks": "{sinks_n} are passed over: sinks, where most rows favour the same word",
        "note.all_sinks": " (here all {total_heads} heads are sinks: most rows favour one word)",
        "expect.article": "The article says {w0} links to {expect_list}: in {agree} of the {total_heads} heads it is "
        "the strongest {scope} word for {w0}, and this head is the strongest of them",
        "expect.given": "You expect {w0} to link to {expect_list}: in {agree} of the {total_heads} heads it is the "
        "strongest {scope} word for {w0}, and this head is the strongest of them",
        "expect.article.all": "The article says {w0} links to {expect_list}: in all {total_heads} heads it is the "
        "strongest {scope} word for {w0}",
        "expect.given.all": "You expect {w0} to link to {expect_list}: in all {total_heads} heads it is the "
        "strongest {scope} word for {w0}",
        "expect.article.none": "The article says {w0} links to {expect_list}, but in none of the {total_heads} heads "
        "is it the strongest {scope} word for {w0}; shown: the head where it ranks highest, {rank_ord}, after "
        "{ahead_list}",
        "expect.given.none": "You expect {w0} to link to {expect_list}, but in none of the {total_heads} heads is it "
        "the strongest {scope} word for {w0}; shown: the head where it ranks highest, {rank_ord}, after {ahead_list}",
        "expect.others": "Of the other heads, the largest share ({instead_each}) favours {instead_list}",
        "expect.others.tied": "In the other {tied_heads} heads the top words for {w0} are tied as written",
        "heads.agree": "Heads differ: {w0} links most to {w1} among words not next to it in {agree} of "
        "{total_heads} heads; layer {runner_layer}, head {runner_head}: {w2} ({runner_w})",
        "heads.agree.tied": "Heads differ: {w0} links most to {w1} among words not next to it in {agree} of "
        "{total_heads} heads; in the others its top words tie as written",
        "heads.agree.near.tied": "Heads differ: {w0} links most to {w1} in {agree} of {total_heads} heads; in the "
        "others its top words tie as written",
        "heads.agree.all": "Among words not next to it, {w0} links most to {w1} in all {total_heads} heads",
        "heads.agree.near": "Heads differ: {w0} links most to {w1} in {agree} of {total_heads} heads; layer "
        "{runner_layer}, head {runner_head} favours {w2} ({runner_w})",
        "heads.agree.near.all": "In all {total_heads} heads {w0} links most to {w1}",
        "reads_to_focus": "The model reads only up to {w0}: it cannot see the words after it",
    }
)
