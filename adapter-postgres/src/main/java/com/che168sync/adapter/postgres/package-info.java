/** com.che168sync.adapter.postgres. */
package com.che168sync.adapter.postgres;
