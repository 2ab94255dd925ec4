DROP TABLE notification_prefs;
