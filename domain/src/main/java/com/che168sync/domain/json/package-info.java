/**
 * JSON text ↔ plain Java values without a library ({@link com.che168sync.domain.json.JsonValues}), so the
 * domain's rules can be used with nothing but the domain jar.
 */
package com.che168sync.domain.json;
