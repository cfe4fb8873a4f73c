package com.che168sync.domain.normalize;

import java.math.BigDecimal;

/**
 * Technical data from the listing's configuration, in either shape the source uses: autohome's
 * {@code extra.configuration.paramtypeitems} (groups and parameters matched by their Chinese names) or the flat
 * {@code configuration} object with Russian labels. Every field is null when the source does not say.
 *
 * @param specid             autohome's spec id
 * @param carName            车型名称, e.g. {@code 宝马1系 2022款 125i M运动曜夜版}
 * @param manufacturer       厂商
 * @param carClass           级别, e.g. {@code 紧凑型车}
 * @param fuelType           能源类型 as the source writes it, e.g. {@code 汽油}
 * @param emissionStandard   环保标准, e.g. {@code 国VI}
 * @param marketDate         上市时间 as written, e.g. {@code 2021.11}
 * @param engineModel        发动机型号
 * @param engineSummary      the basic group's 发动机 line, e.g. {@code 2.0T 192马力 L4}
 * @param displacementCc     排量(mL), exact cubic centimetres
 * @param displacementL      排量(L)
 * @param aspiration         进气形式
 * @param maxHorsepower      最大马力(Ps) of the combustion engine
 * @param maxPowerKw         最大功率(kW) of the combustion engine (or the car's, when only that is given)
 * @param maxTorqueNm        最大扭矩(N·m)
 * @param transmissionDetail 变速箱 简称, e.g. {@code 8挡手自一体}
 * @param transmissionKind   变速箱类型, e.g. {@code 双离合变速箱(DCT)}
 * @param gears              挡位个数
 * @param bodyStructure      车身结构, e.g. {@code 5门5座两厢车}
 * @param lengthMm           长 of 长*宽*高(mm)
 * @param widthMm            宽
 * @param heightMm           高
 * @param topSpeedKmh        最高车速(km/h)
 * @param motorPowerKw       电动机总功率(kW)
 * @param motorCount         驱动电机数 as written, e.g. {@code 双电机}
 * @param batteryKwh         电池能量(kWh)
 * @param rangeKm            pure-electric range in km (CLTC preferred, else NEDC, WLTC, or unqualified)
 * @param rangeStandard      which cycle {@code rangeKm} was measured by ({@code CLTC}, {@code NEDC}, …), or null
 */
public record TechnicalSpecs(String specid, String carName, String manufacturer, String carClass, String fuelType,
                             String emissionStandard, String marketDate, String engineModel, String engineSummary,
                             Integer displacementCc, BigDecimal displacementL, String aspiration,
                             Integer maxHorsepower, Integer maxPowerKw, Integer maxTorqueNm,
                             String transmissionDetail, String transmissionKind, Integer gears, String bodyStructure,
                             Integer lengthMm, Integer widthMm, Integer heightMm, Integer topSpeedKmh,
                             Integer motorPowerKw, String motorCount, BigDecimal batteryKwh, Integer rangeKm,
                             String rangeStandard) {
}
