/**
 * Outbound ports of normalization: the queue of raw rows waiting to be normalized ({@link
 * com.che168sync.application.port.out.normalize.LoadRawListingsPort}) and the store of typed rows ({@link
 * com.che168sync.application.port.out.normalize.SaveNormalizedPort}).
 */
package com.che168sync.application.port.out.normalize;
