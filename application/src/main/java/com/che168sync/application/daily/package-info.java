/** The daily run: the update and the normalization use cases, one after the other, under one lock. */
package com.che168sync.application.daily;
