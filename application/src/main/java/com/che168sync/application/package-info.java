/** com.che168sync.application. */
package com.che168sync.application;
