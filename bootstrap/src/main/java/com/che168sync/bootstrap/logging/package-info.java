/** Logback set up in code: the console and the daily log file, the line layout, secrets masked, old files deleted. */
package com.che168sync.bootstrap.logging;
