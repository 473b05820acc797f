"""Captions of chapter 8, multi-head. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "mh.title": "多头注意力",
    "mh.intro": "一个头是一种比较词的方式；模型同时运行好几个头，各比各的",
    "mh.shape": "{n} 个词，d_model = {d_model}：分成 {heads} 个头，每个头 d_head = {d_model} / {heads} = {d_head} 列",
    "mh.split": "Q、K、V 还是 X 乘以 W_Q、W_K、W_V，只是按列切开：{split_list}",
    "mh.head": "头 {head}：{reading}",
    "mh.differ": "同一个词，两个头看法不同：{w0}给{w1}的权重，头 1 是 {head1_w}，头 2 是 {head2_w}",
    "mh.differ.same": "{w0}给{w1}的权重，两个头写出来一样：都是 {head1_w}",
    "mh.differ.self": "同一个词，两个头看法不同：{w0}给它自己的权重，头 1 是 {head1_w}，头 2 是 {head2_w}",
    "mh.differ.self.same": "{w0}给它自己的权重，两个头写出来一样：都是 {head1_w}",
    "mh.concat": "把 {heads} 个头的输出（各 {n}×{d_head}）并排拼起来：{n}×{d_model}",
    "mh.w_o": "再乘以 W_O，把各头的结果混合起来：第 1 行 · 第 1 列 = {result}",
    "mh.w_o.approx": "再乘以 W_O，把各头的结果混合起来：第 1 行 · 第 1 列 = {result}（显示的因数是四舍五入的，"
    "用它们算得 {from_shown}）",
    "mh.real_sizes": "真实模型的头更多也更宽：BERT-base 有 12 个头，每个 64 列，12 × 64 = 768 = d_model",
    "mh.mask_intro": "解码器（比如 GPT）从左往右一个词一个词地生成：第 i 个词不能看到它后面的词",
    "mh.mask": "因果掩码：头 {head} 对角线以上的 {masked_n}（共 {cells} 个）在 softmax 之前设为 −∞，"
    "它们的权重正好是 0；第一个词只能看它自己（{first_w}）",
    "mh.mask_sums": "每一行加起来仍然是 1：权重只在它自己和前面的词之间分配",
    "mh.mask_row": "加了掩码，{w0}原来给后面的词的 {taken} 没有了：{reading}",
    "mh.summary": "多头：几种比较方式并行，拼起来再由 W_O 混合；掩码让每个词只看它自己和前面的词",
    "mh.split_item": "头 {head} 用第 {cols} 列",
    "mh.head_tag": "头 {head}",
    "mh.head_out": "头 {head} 的输出",
    "mh.head_sums": "头 1 的每一行加起来都是 1",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "mh.title": "Multi-head attention",
    "mh.intro": "One head is one way of comparing words; a model runs several at once, each comparing in its own way",
    "mh.shape": "{n} words, d_model = {d_model}: {heads} heads of d_head = {d_model} / {heads} = {d_head} columns",
    "mh.split": "Q, K and V are still X times W_Q, W_K and W_V, only cut by columns: {split_list}",
    "mh.head": "Head {head}: {reading}",
    "mh.differ": "The same word, read differently: {w0} gives {w1} {head1_w} in head 1 and {head2_w} in head 2",
    "mh.differ.same": "{w0} gives {w1} the same written weight in both heads: {head1_w}",
    "mh.differ.self": "The same word, read differently: {w0} gives itself {head1_w} in head 1 and {head2_w} in "
    "head 2",
    "mh.differ.self.same": "{w0} gives itself the same written weight in both heads: {head1_w}",
    "mh.concat": "The {heads} heads' outputs ({n}×{d_head} each) side by side: {n}×{d_model}",
    "mh.w_o": "Then W_O mixes the heads: row 1 · column 1 = {result}",
    "mh.w_o.approx": "Then W_O mixes the heads: row 1 · column 1 = {result} (the factors shown are rounded; a "
    "calculator gives {from_shown} from them)",
    "mh.real_sizes": "Real models have more and wider heads: BERT-base runs 12 heads of 64 columns, 12 × 64 = 768 = "
    "d_model",
    "mh.mask_intro": "A decoder (GPT) writes left to right, one word at a time: word i must not see the words "
    "after it",
    "mh.mask": "The causal mask sets head {head}'s {masked_n} above the diagonal (of {cells}) to −∞ before "
    "softmax, so the weights there are exactly 0; the first word sees only itself ({first_w})",
    "mh.mask_sums": "Every row still sums to 1: the weight is shared among the word itself and the words before it",
    "mh.mask_row": "With the mask, {w0} loses the {taken} it gave later words: {reading}",
    "mh.summary": "Multi-head: several ways of comparing run side by side, then W_O mixes them; the mask lets each "
    "word see only itself and the words before it",
    "mh.split_item": "head {head} takes columns {cols}",
    "mh.head_tag": "head {head}",
    "mh.head_out": "head {head} output",
    "mh.head_sums": "Every row of head 1 sums to 1",
}
