/** com.che168sync.domain. */
package com.che168sync.domain;
