"""The record of processing activities (GDPR Art. 30), from the same registers as the notices."""
