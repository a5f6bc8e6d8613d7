/**
 * What the demo company sells: categories with their seasonality (multipliers Jan..Dec,
 * mean 1), price range, gross margin and typical business order size; and suppliers.
 */

export interface CategoryData {
	code: string;
	name: string;
	/** Share of sales lines over a year. */
	share: number;
	season: readonly number[];
	priceLow: number;
	priceHigh: number;
	margin: number;
	skuCount: number;
	/** Median quantity in a business order line. */
	qtyMedian: number;
	/** Chance that a shipped line comes back (a «Возврат товаров от клиента»), in part or whole. */
	returnRate: number;
	unit: string;
	moq: number;
	suppliers: readonly number[];
	types: readonly string[];
	brands: readonly string[];
	variants: readonly string[];
}

function normalised(season: number[]): number[] {
	const mean = season.reduce((a, b) => a + b, 0) / 12;
	return season.map((s) => s / mean);
}

export const CATEGORIES: readonly CategoryData[] = [
	{
		code: 'HTR', name: 'Обогреватели', share: 0.18, priceLow: 2490, priceHigh: 24990, margin: 0.32, skuCount: 48, qtyMedian: 6, returnRate: 0.025, unit: 'шт', moq: 5,
		season: normalised([2.3, 1.6, 0.9, 0.45, 0.25, 0.15, 0.15, 0.25, 0.6, 1.3, 2.2, 2.7]), suppliers: [0, 2, 7],
		types: ['Масляный радиатор', 'Конвектор', 'Инфракрасный обогреватель', 'Тепловентилятор', 'Кварцевый обогреватель'],
		brands: ['Ballu', 'Timberk', 'Electrolux', 'Royal Clima', 'Hyundai', 'Noirot'], variants: ['1000 Вт', '1500 Вт', '2000 Вт', '2500 Вт']
	},
	{
		code: 'GUN', name: 'Тепловые пушки и завесы', share: 0.07, priceLow: 6990, priceHigh: 129000, margin: 0.26, skuCount: 26, qtyMedian: 2, returnRate: 0.02, unit: 'шт', moq: 2,
		season: normalised([1.6, 1.3, 0.9, 0.5, 0.35, 0.25, 0.25, 0.4, 0.9, 1.7, 2.0, 1.9]), suppliers: [2, 7],
		types: ['Тепловая пушка электрическая', 'Тепловая пушка дизельная', 'Тепловая пушка газовая', 'Тепловая завеса'],
		brands: ['Ballu', 'Ресанта', 'Tropic', 'Master', 'Frico'], variants: ['3 кВт', '5 кВт', '9 кВт', '15 кВт', '30 кВт']
	},
	{
		code: 'FAN', name: 'Вентиляторы', share: 0.1, priceLow: 990, priceHigh: 11990, margin: 0.36, skuCount: 34, qtyMedian: 8, returnRate: 0.03, unit: 'шт', moq: 10,
		season: normalised([0.15, 0.15, 0.25, 0.55, 1.3, 2.7, 3.0, 1.9, 0.7, 0.2, 0.15, 0.15]), suppliers: [0, 3],
		types: ['Напольный вентилятор', 'Настольный вентилятор', 'Колонный вентилятор', 'Потолочный вентилятор'],
		brands: ['Polaris', 'Scarlett', 'Vitek', 'Xiaomi', 'Stadler Form'], variants: ['40 Вт', '45 Вт', '60 Вт', '90 Вт']
	},
	{
		code: 'ACN', name: 'Кондиционеры', share: 0.15, priceLow: 21990, priceHigh: 149990, margin: 0.22, skuCount: 40, qtyMedian: 3, returnRate: 0.045, unit: 'шт', moq: 2,
		season: normalised([0.3, 0.3, 0.45, 0.85, 1.6, 2.5, 2.4, 1.5, 0.7, 0.35, 0.3, 0.35]), suppliers: [0, 4],
		types: ['Сплит-система', 'Мобильный кондиционер', 'Инверторная сплит-система', 'Кассетный кондиционер'],
		brands: ['Ballu', 'Electrolux', 'Haier', 'Royal Clima', 'Daikin', 'Midea'], variants: ['07', '09', '12', '18', '24']
	},
	{
		code: 'HUM', name: 'Увлажнители', share: 0.1, priceLow: 1990, priceHigh: 29990, margin: 0.38, skuCount: 30, qtyMedian: 5, returnRate: 0.04, unit: 'шт', moq: 6,
		season: normalised([1.8, 1.6, 1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.7, 1.5, 1.9, 1.9]), suppliers: [0, 3],
		types: ['Ультразвуковой увлажнитель', 'Мойка воздуха', 'Паровой увлажнитель', 'Традиционный увлажнитель'],
		brands: ['Boneco', 'Electrolux', 'Ballu', 'Stadler Form', 'Polaris'], variants: ['3 л', '5 л', '7 л', '9 л']
	},
	{
		code: 'PUR', name: 'Очистители воздуха', share: 0.06, priceLow: 5990, priceHigh: 59990, margin: 0.33, skuCount: 24, qtyMedian: 3, returnRate: 0.03, unit: 'шт', moq: 4,
		season: normalised([1.2, 1.1, 1.0, 1.05, 0.95, 0.8, 0.8, 0.8, 0.9, 1.1, 1.15, 1.15]), suppliers: [3, 0],
		types: ['Очиститель воздуха', 'Бризер', 'Рециркулятор'],
		brands: ['Tion', 'Xiaomi', 'Boneco', 'Electrolux', 'Philips'], variants: ['S', 'M', 'L', 'XL', 'Pro']
	},
	{
		code: 'WHT', name: 'Водонагреватели', share: 0.13, priceLow: 5990, priceHigh: 44990, margin: 0.24, skuCount: 36, qtyMedian: 4, returnRate: 0.02, unit: 'шт', moq: 3,
		// Summer peak: planned hot-water shutdowns in Russian cities.
		season: normalised([0.8, 0.8, 0.9, 1.0, 1.45, 1.65, 1.45, 1.0, 0.8, 0.75, 0.75, 0.85]), suppliers: [1, 0],
		types: ['Накопительный водонагреватель', 'Проточный водонагреватель', 'Газовая колонка'],
		brands: ['Thermex', 'Ariston', 'Electrolux', 'Zanussi', 'Haier'], variants: ['10 л', '30 л', '50 л', '80 л', '100 л']
	},
	{
		code: 'SPR', name: 'Запчасти и комплектующие', share: 0.14, priceLow: 150, priceHigh: 6900, margin: 0.48, skuCount: 52, qtyMedian: 12, returnRate: 0.07, unit: 'шт', moq: 20,
		season: normalised([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), suppliers: [5],
		types: ['ТЭН', 'Термостат', 'Магниевый анод', 'Пульт ДУ', 'Дренажный насос', 'Монтажный комплект', 'Кронштейн'],
		brands: ['универсальный', 'Thermex', 'Ariston', 'Ballu', 'Electrolux'], variants: ['тип A', 'тип B', 'тип C']
	},
	{
		code: 'CNS', name: 'Расходные материалы', share: 0.07, priceLow: 190, priceHigh: 2990, margin: 0.52, skuCount: 22, qtyMedian: 25, returnRate: 0.01, unit: 'упак', moq: 50,
		season: normalised([1.05, 1.05, 1.0, 0.95, 0.95, 0.95, 0.95, 0.95, 1.0, 1.05, 1.05, 1.05]), suppliers: [6],
		types: ['Фильтр для увлажнителя', 'HEPA-фильтр', 'Угольный фильтр', 'Картридж для мойки воздуха', 'Фреон R32 баллон'],
		brands: ['Boneco', 'Electrolux', 'Tion', 'универсальный'], variants: ['1 шт', '2 шт', '4 шт']
	}
];

export interface SupplierData {
	name: string;
	/** Typical days from order to receipt. */
	leadTime: number;
	/** Multiplies the category's minimum order (containers from abroad). */
	moqFactor: number;
}

export const SUPPLIERS: readonly SupplierData[] = [
	{ name: 'ООО «Русклимат Трейд»', leadTime: 10, moqFactor: 1 },
	{ name: 'ООО «Термекс Дистрибуция»', leadTime: 14, moqFactor: 1 },
	{ name: 'ООО «Баллу Индастриал Групп»', leadTime: 21, moqFactor: 2 },
	{ name: 'Ningbo Comfort Appliances Co., Ltd', leadTime: 55, moqFactor: 5 },
	{ name: 'ООО «Климат Импорт»', leadTime: 40, moqFactor: 3 },
	{ name: 'ООО «ТехноЗапчасть»', leadTime: 7, moqFactor: 1 },
	{ name: 'ООО «Фильтр-Опт»', leadTime: 9, moqFactor: 1 },
	{ name: 'Guangdong Heatwave Electric Co., Ltd', leadTime: 60, moqFactor: 6 }
];

export const WAREHOUSES = ['Основной склад', 'Склад Москва'] as const;
