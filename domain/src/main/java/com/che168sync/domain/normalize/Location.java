package com.che168sync.domain.normalize;

/**
 * Where a listing is, read from the source's {@code address}: Chinese ({@code 济南, 莱芜}, {@code 上海 闵行区}) or a
 * Russian transliteration ({@code Цзыбо}). City and province are Chinese names without the 市/省 suffix; null when
 * the address does not say.
 *
 * @param address  the cleaned source address
 * @param city     the city ({@code 淄博} for {@code Цзыбо})
 * @param province the province, from the city table (municipalities are their own province)
 * @param district the part after the city when the address has one ({@code 闵行区})
 */
public record Location(String address, String city, String province, String district) {
    static final Location NONE = new Location(null, null, null, null);
}
