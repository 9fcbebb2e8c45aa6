"""Archivist's Scrapy downloader middlewares (enabled in crawler.settings)."""
