package com.che168sync.domain.normalize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration parameters of a listing, from both shapes: autohome's {@code paramtypeitems} (looked up by
 * Chinese group and parameter name) and the flat object with Russian labels (mapped to the same groups/names).
 */
final class Configuration {
    /** Russian (and English) labels of the flat shape → the autohome group/name they stand for. */
    private static final Map<String, String> FLAT_LABELS = flatLabels();

    private final Map<String, String> byGroupAndName = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private Object specid;

    private Configuration() {
    }

    static Configuration of(Map<?, ?> data) {
        Configuration c = new Configuration();
        if (data.get("extra") instanceof Map<?, ?> extra && extra.get("configuration") instanceof Map<?, ?> conf) {
            c.specid = conf.get("specid");
            if (conf.get("paramtypeitems") instanceof List<?> groups) {
                for (Object g : groups) {
                    if (g instanceof Map<?, ?> group && group.get("paramitems") instanceof List<?> items) {
                        String groupName = Text.clean(group.get("name"));
                        String groupKey = groupName == null ? "" : Text.key(groupName);
                        for (Object i : items) {
                            if (i instanceof Map<?, ?> item) {
                                String name = Text.clean(item.get("name"));
                                if (name != null) {
                                    c.put(groupKey, Text.key(name), item.get("value"));
                                }
                            }
                        }
                    }
                }
            }
        }
        if (data.get("configuration") instanceof Map<?, ?> flat) {
            for (Map.Entry<?, ?> e : flat.entrySet()) {
                String label = Text.clean(e.getKey());
                String target = label == null ? null : FLAT_LABELS.get(Text.key(label));
                if (target != null) {
                    int slash = target.indexOf('|');
                    c.put(target.substring(0, slash), target.substring(slash + 1), e.getValue());
                }
            }
        }
        return c;
    }

    private void put(String groupKey, String nameKey, Object value) {
        String cleaned = Text.clean(value);
        if (cleaned == null) {
            return;
        }
        byGroupAndName.putIfAbsent(groupKey + "|" + nameKey, cleaned);
        byName.putIfAbsent(nameKey, cleaned);
    }

    Object specid() {
        return specid;
    }

    /** The value of a parameter in a group (names as autohome writes them), or null. */
    String get(String group, String name) {
        return byGroupAndName.get(Text.key(group) + "|" + Text.key(name));
    }

    /** The value of a parameter in whichever group has it first, or null. */
    String any(String name) {
        return byName.get(Text.key(name));
    }

    /** The first of several group/name pairs that has a value. */
    String first(String... groupNamePairs) {
        for (int i = 0; i + 1 < groupNamePairs.length; i += 2) {
            String v = groupNamePairs[i] == null ? any(groupNamePairs[i + 1]) : get(groupNamePairs[i], groupNamePairs[i + 1]);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Map<String, String> flatLabels() {
        String[][] pairs = {
                {"Название модели", "基本参数|车型名称"}, {"Модель", "基本参数|车型名称"},
                {"Производитель", "基本参数|厂商"}, {"Класс", "基本参数|级别"},
                {"Тип топлива", "基本参数|能源类型"}, {"Тип энергии", "基本参数|能源类型"},
                {"Экологический стандарт", "基本参数|环保标准"}, {"Стандарт экологии", "基本参数|环保标准"},
                {"Дата выхода на рынок", "基本参数|上市时间"},
                {"Максимальный крутящий момент (Н·м)", "基本参数|最大扭矩(n·m)"},
                {"Максимальная скорость (км/ч)", "基本参数|最高车速(km/h)"},
                {"Структура кузова", "基本参数|车身结构"}, {"Кузов", "基本参数|车身结构"},
                {"Длина*ширина*высота (мм)", "基本参数|长*宽*高(mm)"},
                {"Модель двигателя", "发动机|发动机型号"},
                {"Рабочий объем (мл)", "发动机|排量(ml)"}, {"Объем двигателя (мл)", "发动机|排量(ml)"},
                {"Рабочий объем (л)", "发动机|排量(l)"}, {"Объем двигателя (л)", "发动机|排量(l)"},
                {"Тип впуска", "发动机|进气形式"}, {"Наддув", "发动机|进气形式"},
                {"Максимальная мощность (л.с.)", "发动机|最大马力(ps)"},
                {"Максимальная мощность (кВт)", "发动机|最大功率(kw)"},
                {"Количество передач", "变速箱|挡位个数"}, {"Число передач", "变速箱|挡位个数"},
                {"Тип КПП", "变速箱|变速箱类型"}, {"Коробка передач", "变速箱|简称"},
                {"Тип привода", "底盘转向|驱动方式"}, {"Привод", "底盘转向|驱动方式"},
                {"Мощность электродвигателя (кВт)", "电动机|电动机总功率(kw)"},
                {"Суммарная мощность электродвигателей (кВт)", "电动机|电动机总功率(kw)"},
                {"Количество электродвигателей", "电动机|驱动电机数"},
                {"Емкость батареи (кВт·ч)", "电池|电池能量(kwh)"}, {"Энергия батареи (кВт·ч)", "电池|电池能量(kwh)"},
                {"Запас хода (км)", "电池|纯电续航里程(km)"}, {"Запас хода CLTC (км)", "电池|cltc纯电续航里程(km)"},
                {"Запас хода NEDC (км)", "电池|nedc纯电续航里程(km)"},
        };
        Map<String, String> out = new HashMap<>();
        for (String[] p : pairs) {
            String target = p[1];
            int slash = target.indexOf('|');
            out.put(Text.key(p[0]), Text.key(target.substring(0, slash)) + "|" + Text.key(target.substring(slash + 1)));
        }
        return Map.copyOf(out);
    }
}
