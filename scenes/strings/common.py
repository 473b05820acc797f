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
