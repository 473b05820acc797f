"""Language: splitting a sentence into words, their parts of speech, the focus word, the designed lexicon."""
