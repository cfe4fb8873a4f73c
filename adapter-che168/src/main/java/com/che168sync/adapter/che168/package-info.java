/** com.che168sync.adapter.che168. */
package com.che168sync.adapter.che168;
