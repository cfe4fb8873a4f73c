/** com.che168sync.adapter.http. */
package com.che168sync.adapter.http;
