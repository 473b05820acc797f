"""Captions of chapter 2, rnn-limits. Facts come from claims (see ``scenes.strings.claims``)."""

ZH = {
    "rnn.title": "为什么循环网络不够",
    "rnn.seq": "RNN 一次只读一个词：{n} 个词，就要走 {n} 步",
    "rnn.counter": "步骤 {t} / {n}",
    "rnn.wait": "每一步都要等上一步的隐藏状态 h：不能同时算，GPU 只能干等",
    "rnn.fast_forward": "快进：第 {skipped_first}–{skipped_last} 步也一样，一步接一步，谁也不能先算",
    "rnn.done": "走完 {n} 步，最后的隐藏状态才算出来",
    "rnn.long": "长句子：第一个词{w0}要传 {steps_n}才到{w1}",
    "rnn.decay": "实测：tanh RNN 里第一个词的信息随步数衰减（每条曲线是 {seeds} 个随机网络的平均）",
    "rnn.x_steps": "步数 t",
    "rnn.y_retention": "第一个词的保留量",
    "rnn.curve": "缩放 {s}",
    "rnn.claim": "文章的说法：约 {article}",
    "rnn.family": "第 {at} 步还剩多少，取决于循环矩阵的缩放：{points}",
    "rnn.point": "{scale} 时 {retention}",
    "rnn.article": "文章说约 {article}：这对应缩放约 {article_scale}；缩放小一点，遗忘就快得多",
    "rnn.grad": "反向传播：梯度每往回走一步，就乘一次雅可比矩阵 diag(1−h²)·W_h（实测）",
    "rnn.x_back": "往回的步数 T",
    "rnn.y_grad": "梯度范数（对数坐标）",
    "rnn.scale": "缩放 {s}",
    "rnn.gradient.vanishing": "缩放 {scale} < 1：{steps} 步后梯度只剩 {norm}，前面的词几乎学不到东西（梯度消失）",
    "rnn.gradient.vanishing.above": "缩放 {scale} > 1，梯度却缩到 {norm}：tanh 饱和，把它压了下去",
    "rnn.gradient.bounded": "缩放 {scale}：{steps} 步后梯度是 {norm}，既没有消失也没有爆炸",
    "rnn.gradient.exploding": "缩放 {scale}：{steps} 步后梯度变成 {norm}，参数更新过大，训练发散（梯度爆炸）",
    "rnn.close": "顺序计算、远距离遗忘、梯度不稳：这就是自注意力要解决的问题",
}

EN = {  # straight quotes: the CJK font draws curly ones full-width
    "rnn.title": "Why recurrence was not enough",
    "rnn.seq": "An RNN reads one word per step: {n} words take {n} steps",
    "rnn.counter": "step {t} / {n}",
    "rnn.wait": "Each step needs the previous hidden state h: no parallel work, the GPU waits",
    "rnn.fast_forward": "Fast-forward: steps {skipped_first}–{skipped_last} run the same way, one after another",
    "rnn.done": "Only after {all_n_steps} is the last hidden state ready",
    "rnn.long": "A long sentence: the first word {w0} must travel {steps_n} to reach {w1}",
    "rnn.decay": "Measured: how much of the first word a tanh RNN keeps, step by step "
    "(each curve: mean of {seeds} networks)",
    "rnn.x_steps": "steps t",
    "rnn.y_retention": "first word retained",
    "rnn.curve": "scale {s}",
    "rnn.claim": "article's claim: about {article}",
    "rnn.family": "What is left after {at} steps depends on the recurrent scale: {points}",
    "rnn.point": "{retention} at {scale}",
    "rnn.article": "The article says about {article}: that is a scale of about {article_scale}; "
    "a little smaller and the first word fades much faster",
    "rnn.grad": "Backpropagation multiplies the gradient by the Jacobian diag(1−h²)·W_h once per step back "
    "(measured)",
    "rnn.x_back": "steps back T",
    "rnn.y_grad": "gradient norm (log scale)",
    "rnn.scale": "scale {s}",
    "rnn.gradient.vanishing": "Scale {scale} < 1: after {steps} steps the gradient is {norm}; early words barely "
    "learn (vanishing)",
    "rnn.gradient.vanishing.above": "Scale {scale} > 1, yet the gradient shrinks to {norm}: tanh saturates and "
    "damps it",
    "rnn.gradient.bounded": "Scale {scale}: after {steps} steps the gradient is {norm}, neither vanishing "
    "nor exploding",
    "rnn.gradient.exploding": "Scale {scale}: after {steps} steps the gradient is {norm}; updates blow up "
    "(exploding)",
    "rnn.close": "Sequential, forgetful over distance, unstable to train: what self-attention sets out to fix",
}
