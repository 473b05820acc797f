"""What every chapter's data shares: the :class:`~attention_core.chapter.base.ChapterData` base (tokens, window,
claims, JSON), the chapter spec the registry is built from, and the bases two chapters share."""
