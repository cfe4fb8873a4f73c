package com.che168sync.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The value tables listings are drawn from: car models (Latin and Chinese marks), Russian labels as the live
 * API sends them, and real raw Chinese values copied from {@code che168-value-samples.json}.
 */
final class Vocabulary {

    /** Energy kind of a model, deciding engine type labels and the configuration groups. */
    enum Energy {
        PETROL, DIESEL, BEV, HEV, PHEV, REEV, MILD48V;

        static Energy of(String code) {
            return switch (code) {
                case "P" -> PETROL;
                case "D" -> DIESEL;
                case "E" -> BEV;
                case "H" -> HEV;
                case "PH" -> PHEV;
                case "R" -> REEV;
                case "M" -> MILD48V;
                default -> throw new IllegalStateException("unknown energy code " + code);
            };
        }

        boolean electricOnly() {
            return this == BEV;
        }

        boolean hasBattery() {
            return this == BEV || this == PHEV || this == REEV;
        }
    }

    record Model(String mark, String model, String chineseSeries, String manufacturer, String carClass,
                 Energy energy, String body, String bodyStructure, int priceMin, int priceMax, int yearMin,
                 int yearMax, String displacement, int hp, String gearbox, List<String> trims) {
    }

    static final List<Model> MODELS = loadModels();
    static final List<String> CAR_NAMES = lines("car-names.txt");
    static final List<String> ADDRESSES_CN = lines("addresses-cn.txt");
    static final List<String> MODELS_CN = lines("models-cn.txt");
    static final List<String> MARKS_CN = lines("marks-cn.txt");
    static final List<String> ENGINE_SUMMARIES = lines("engine-summaries.txt");
    static final List<String> BODY_STRUCTURES = lines("body-structures.txt");

    static final List<String> ADDRESSES_RU = List.of("Шанхай", "Пекин", "Гуанчжоу", "Шэньчжэнь", "Чэнду",
            "Ханчжоу", "Ухань", "Сиань", "Чунцин", "Тяньцзинь", "Нанкин", "Цзыбо", "Циндао", "Далянь", "Шэньян",
            "Чанша", "Чжэнчжоу", "Цзинань", "Сучжоу", "Хэфэй", "Фошань", "Дунгуань", "Нинбо", "Куньмин", "Харбин");
    static final List<String> ADDRESSES_CN_EXTRA = List.of("上海 闵行区", "北京 朝阳区", "广州 天河区", "深圳 南山区",
            "杭州", "成都 武侯区", "上海", "苏州 工业园区");
    static final List<String> COLORS = List.of("Белый", "Черный", "Серебристо-серый", "Темно-серый", "Синий",
            "Красный", "Коричневый", "Шампань", "Зеленый", "Желтый", "Оранжевый", "Фиолетовый", "Другой");
    static final List<String> TRANSMISSIONS = List.of("Автоматическая", "Механическая");
    static final List<String> DRIVES = List.of("передний привод", "задний привод", "полный привод");
    static final List<String> BODY_TYPES = List.of("Кроссовер/внедорожник", "Купе/родстер", "Легкий грузовик",
            "Микроавтобус", "Минивэн", "Пикап", "Седан", "Седан/хэтчбек", "Фургон", "Хэтчбек");
    static final List<String> DESCRIPTION_PHRASES = List.of("准新车", "0过户", "原版原漆", "4S店保养记录齐全",
            "杜绝重大事故泡水火烧车", "车况精品", "支持全国上门验车", "可分期", "首付低至三成", "个人一手车",
            "电池质保 8年16万公里", "无事故无泡水", "轻微剐蹭已修复", "定期保养", "手续齐全随时过户", "价格可谈",
            "本店所有车辆均经过专业检测", "全车原版", "内饰干净整洁", "发动机变速箱无修", "可提供第三方检测报告");
    static final List<String> DISPLAY_OPTIONS = List.of("倒车影像", "无钥匙进入", "真皮座椅", "全景天窗", "自动空调",
            "定速巡航", "自适应巡航", "倒车雷达", "座椅加热", "电动座椅", "一键启动", "车联网", "LED大灯", "电动尾门",
            "360度全景影像", "HUD抬头显示", "无线充电", "手机互联", "方向盘加热", "自动泊车");
    static final List<String> OPTION_GROUPS = List.of("安全配置", "驾驶辅助", "外部配置", "内部配置", "舒适/防盗配置",
            "座椅配置", "多媒体配置", "灯光配置");
    static final List<String> MORE_OPTIONS = List.of("胎压监测", "车道保持", "主动刹车", "ISOFIX儿童座椅接口", "ABS防抱死",
            "车身稳定控制", "上坡辅助", "陡坡缓降", "并线辅助", "疲劳驾驶提示", "铝合金轮圈", "电动吸合门", "多功能方向盘",
            "液晶仪表", "中控彩色大屏", "蓝牙/车载电话", "后排出风口", "氛围灯", "自动头灯", "雨量感应雨刷");
    static final List<String> INSPECTION_RESULTS = List.of("无重大事故", "无泡水无火烧", "轻微剐蹭", "外观有修复",
            "车况良好", "-");
    static final List<String> EMISSION = List.of("国VI", "国V", "国IV", "国VI b", "-");
    static final List<String> ASPIRATION = List.of("涡轮增压", "自然吸气", "机械增压");
    static final List<String> SUSPENSION_FRONT = List.of("麦弗逊式独立悬架", "双叉臂式独立悬架", "多连杆式独立悬架",
            "L型摆臂前独立悬架");
    static final List<String> SUSPENSION_REAR = List.of("多连杆式独立悬架", "扭力梁式非独立悬架",
            "Z型纵摆臂式后独立悬架", "纵臂扭转力式非独立悬架", "三链螺旋弹弓型");

    private Vocabulary() {
    }

    private static List<Model> loadModels() {
        List<Model> models = new ArrayList<>();
        for (String line : lines("models.tsv")) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 16) {
                throw new IllegalStateException("models.tsv: 16 columns expected in: " + line);
            }
            models.add(new Model(f[0], f[1], f[2], f[3], f[4], Energy.of(f[5]), f[6], f[7], Integer.parseInt(f[8]),
                    Integer.parseInt(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]), f[12],
                    f[13].isEmpty() ? 0 : Integer.parseInt(f[13]), f[14], List.of(f[15].split(","))));
        }
        return List.copyOf(models);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sandbox resource missing: " + resource);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        out.add(line);
                    }
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sandbox resource " + resource, e);
        }
    }
}
