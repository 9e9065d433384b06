"""Documents: programme and agenda PDFs, calendars (iCal), bulk print jobs."""
