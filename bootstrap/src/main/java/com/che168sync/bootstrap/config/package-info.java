/** The settings: config.yaml, .env and the environment read once at start ({@link com.che168sync.bootstrap.config.SettingsLoader}), validated into records; every name in {@link com.che168sync.bootstrap.config.SettingKey}. */
package com.che168sync.bootstrap.config;
