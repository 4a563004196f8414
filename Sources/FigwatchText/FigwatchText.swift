// FigwatchText: HTML to article text with libxml2. See ArticleExtractor.swift.
