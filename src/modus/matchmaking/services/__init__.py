"""Every change matchmaking makes, by subject: event set-up, requests and meetings,
notifications, recommendations."""
