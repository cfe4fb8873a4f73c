/** com.che168sync.sandbox. */
package com.che168sync.sandbox;
