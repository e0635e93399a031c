"""The interface in English, Belarusian and Russian: one catalogue per language, and the words for the data.

Every fixed string a reader sees (the app's labels, the legend, the popups'
fixed text, the export titles) is looked up here by key; the data's own
vocabularies (sectors, waves, action types, oblasts) are translated for
display while their English values stay the keys filters and links use.
A test checks that the three catalogues have the same keys and placeholders.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

LANGUAGES = {"en": "English", "be": "Беларуская", "ru": "Русский"}
DEFAULT = "en"

EN: dict[str, str] = {
    "language": "Language",
    "title": "The 2020 Belarusian strikes",
    "data": "Data",
    "upload": "Your own strike data",
    "upload_help": "CSV, Excel or GeoJSON: an ACLED or Labor Action Tracker export as it comes, this map's own "
                   "export, or the columns the README lists. At most {mb} MB and {rows} rows.",
    "labour_only": "Labour actions only",
    "labour_only_help": "For ACLED files: keep the events whose actors or tags name workers, unions or strikes",
    "sheet": "Sheet",
    "show": "Show",
    "data_builtin": "Belarus 2020 (built in)",
    "data_upload": "My upload only",
    "data_both": "Both together",
    "not_loaded": "{name} was not loaded; the data shown is unchanged.",
    "play_header": "Play the waves",
    "day_mode": "Show one day at a time",
    "day": "Day",
    "play": "Play",
    "pause": "Pause",
    "speed_1": "1 day a second",
    "speed_2": "2 days a second",
    "speed_half": "a day every 2 seconds",
    "range_off": "Off while the map shows one day at a time",
    "filters": "Filters",
    "view": "View",
    "view_map": "Map",
    "view_compare": "Compare the two waves",
    "date_of_action": "Date of action",
    "filter_wave": "Wave",
    "filter_sector": "Sector",
    "filter_oblast": "Oblast (region)",
    "filter_town": "Town",
    "filter_type": "Action type",
    "all": "All",
    "filters_caption": "Leave a filter empty to show all. The address bar keeps the filters: copy the link to "
                       "share this view.",
    "in_action": "Sites in action on this day: {count}",
    "sites_shown": "Sites shown",
    "actions_shown": "Actions shown",
    "sites_in": "Sites in {wave}",
    "not_on_map": "Not on the map",
    "all_placed": "Every matching site has a place on the map.",
    "sites": "Sites",
    "export": "Export this view",
    "export_csv": "CSV (actions)",
    "export_geojson": "GeoJSON (sites)",
    "export_html": "HTML map (offline)",
    "export_png": "PNG snapshot",
    "png_off": "PNG export is off: {why}",
    "empty": "No sites match these filters. Widen or clear a filter in the sidebar.",
    "skip_map": "Skip to the map",
    "skip_table": "Skip to the table of sites",
    "describe": "{count} strike sites on the map. {statuses}. {site} placed at the workplace itself, {town} at a town centre.",
    "describe_none": "No strike site on the map.",
    "map_label": "Map of the strike sites",
    "cluster_label": "{count} strike sites here: press Enter to zoom in",
    "cluster_label_at": "{count} strike sites around {town}: press Enter to zoom in",
    "empty_day": "No site is in action on this day under these filters.",
    "action_days": "Only days with action",
    "action_days_help": "Step through the days on which some site is in action, skipping the quiet days.",
    "gesture_touch": "Use two fingers to move the map",
    "gesture_scroll": "Use ctrl + scroll to zoom the map",
    "gesture_scroll_mac": "Use \u2318 + scroll to zoom the map",
    "one_wave": "This data has one wave ({wave}), so there is nothing to compare it with.",
    "compare_caption": "{first} on the left, {second} on the right; they pan and zoom together. The comparison "
                       "ignores the wave and date filters.",
    "sites_status": "Sites: {status}",
    "compare_table": "Where the action stopped, held, or began",
    "by_sector": "Sites per wave, by sector",
    "by_oblast": "Sites per wave, by oblast",
    "unexpected": "Something went wrong drawing this view; the error has been logged. Choose the built-in data "
                  "in the sidebar, or change the filters, and try again.",
    "legend": "Legend",
    "struck_in": "Struck in",
    "only": "{wave} only",
    "both": "Both {first} and {second}",
    "other_waves": "Other waves only",
    "cluster": "a group of sites: its share of each",
    "position": "Position",
    "legend_site": "at the workplace",
    "legend_town": "town centre only (hollow, dashed)",
    "sector": "Sector",
    "pos_site": "at the workplace",
    "pos_street": "at the workplace's street address",
    "pos_town": "placed at the town centre: the workplace's own location is not known",
    "pos_group": "placed at the town centre: the source names no workplace",
    "pos_country": "placed at the country's centre: no town is known",
    "pos_none": "not located",
    "position_label": "Position",
    "town_centre": "town centre",
    "actions_count": "actions: {count}",
    "more_sites": "and {count} more",
    "search": "Find a site or town",
    "town_kind": "town",
    "fit": "Fit to data: show every site",
    "sources": "Sources",
    "all_data": "All sites, waves and actions in the dataset",
    "no_match": "No actions match these filters",
    "counts": "{sites} sites, {actions} actions",
    "unlocated": "(with no place on the map: {count})",
    "waves_line": "{waves} waves",
    "on_day": "In action on {day}",
    "dates_from": "from {day}",
    "dates_to": "to {day}",
    "dates": "Dates: {range}",
    "col_name": "Site",
    "col_local_name": "Local name",
    "col_town": "Town",
    "col_oblast": "Oblast",
    "col_sector": "Sector",
    "col_status": "Status",
    "col_position": "Position",
    "col_actions": "Actions",
    "col_quotes": "Quotes",
    "col_sources": "Sources",
    "speed": "Speed",
    "upload_unexpected": "The file could not be read because of an unexpected error, which has been logged. Check that it is a CSV, Excel or GeoJSON file in a format the README describes.",
    "x_wave": "Wave", "x_waves": "Waves", "x_sector": "Sector", "x_sectors": "Sectors",
    "x_oblast": "Oblast", "x_oblasts": "Oblasts", "x_town": "Town", "x_towns": "Towns",
    "x_type": "Action type", "x_types": "Action types", "and": "and",
}

BE: dict[str, str] = {
    "language": "Мова",
    "title": "Беларускія страйкі 2020 года",
    "data": "Даныя",
    "upload": "Вашы даныя пра страйкі",
    "upload_help": "CSV, Excel або GeoJSON: экспарт ACLED або Labor Action Tracker як ёсць, экспарт гэтай мапы "
                   "або слупкі з README. Не больш за {mb} МБ і {rows} радкоў.",
    "labour_only": "Толькі працоўныя акцыі",
    "labour_only_help": "Для файлаў ACLED: пакінуць падзеі, дзе ўдзельнікі або тэгі называюць рабочых, "
                        "прафсаюзы або страйкі",
    "sheet": "Аркуш",
    "show": "Паказаць",
    "data_builtin": "Беларусь 2020 (убудаваныя)",
    "data_upload": "Толькі мой файл",
    "data_both": "Разам",
    "not_loaded": "{name} не загружаны; паказаныя даныя не змяніліся.",
    "play_header": "Прайграць хвалі",
    "day_mode": "Паказваць па адным дні",
    "day": "Дзень",
    "play": "Прайграць",
    "pause": "Паўза",
    "speed_1": "1 дзень у секунду",
    "speed_2": "2 дні ў секунду",
    "speed_half": "дзень за 2 секунды",
    "range_off": "Не дзейнічае, пакуль мапа паказвае адзін дзень",
    "filters": "Фільтры",
    "view": "Выгляд",
    "view_map": "Мапа",
    "view_compare": "Параўнаць дзве хвалі",
    "date_of_action": "Дата акцыі",
    "filter_wave": "Хваля",
    "filter_sector": "Галіна",
    "filter_oblast": "Вобласць",
    "filter_town": "Горад",
    "filter_type": "Від акцыі",
    "all": "Усе",
    "filters_caption": "Пусты фільтр паказвае ўсё. Адрасны радок захоўвае фільтры: скапіюйце спасылку, каб "
                       "падзяліцца гэтым выглядам.",
    "in_action": "Месцаў з акцыямі ў гэты дзень: {count}",
    "sites_shown": "Месцаў паказана",
    "actions_shown": "Акцый паказана",
    "sites_in": "Месцаў: {wave}",
    "not_on_map": "Не на мапе",
    "all_placed": "Усе адпаведныя месцы ёсць на мапе.",
    "sites": "Месцы",
    "export": "Экспарт гэтага выгляду",
    "export_csv": "CSV (акцыі)",
    "export_geojson": "GeoJSON (месцы)",
    "export_html": "HTML-мапа (афлайн)",
    "export_png": "Здымак PNG",
    "png_off": "Экспарт PNG выключаны: {why}",
    "empty": "Ніводнае месца не адпавядае фільтрам. Пашырце або ачысціце фільтр на бакавой панэлі.",
    "skip_map": "Перайсці да карты",
    "skip_table": "Перайсці да табліцы месцаў",
    "describe": "Месцаў страйкаў на карце: {count}. {statuses}. На самім прадпрыемстве: {site}, у цэнтры горада: {town}.",
    "describe_none": "На карце няма ніводнага месца страйку.",
    "map_label": "Карта месцаў страйкаў",
    "cluster_label": "Месцаў страйкаў тут: {count}. Націсніце Enter, каб наблізіць",
    "cluster_label_at": "Месцаў страйкаў каля горада {town}: {count}. Націсніце Enter, каб наблізіць",
    "empty_day": "У гэты дзень пры гэтых фільтрах няма ніводнага месца з акцыяй.",
    "action_days": "Толькі дні з акцыямі",
    "action_days_help": "Пераходзіць па днях, калі дзе-небудзь ішла акцыя, мінаючы спакойныя дні.",
    "gesture_touch": "Перамяшчайце карту двума пальцамі",
    "gesture_scroll": "Каб змяніць маштаб, пракручвайце карту з націснутай клавішай Ctrl",
    "gesture_scroll_mac": "Каб змяніць маштаб, пракручвайце карту з націснутай клавішай \u2318",
    "one_wave": "У гэтых даных адна хваля ({wave}), параўноўваць няма з чым.",
    "compare_caption": "{first} злева, {second} справа; мапы рухаюцца і маштабуюцца разам. Параўнанне не "
                       "ўлічвае фільтры хвалі і даты.",
    "sites_status": "Месцы: {status}",
    "compare_table": "Дзе акцыі спыніліся, трымаліся або пачаліся",
    "by_sector": "Месцы па хвалях і галінах",
    "by_oblast": "Месцы па хвалях і абласцях",
    "unexpected": "Не атрымалася паказаць гэты выгляд; памылка запісана ў журнал. Выберыце ўбудаваныя даныя "
                  "або змяніце фільтры і паспрабуйце зноў.",
    "legend": "Легенда",
    "struck_in": "Страйкавалі",
    "only": "Толькі {wave}",
    "both": "І {first}, і {second}",
    "other_waves": "Толькі іншыя хвалі",
    "cluster": "група месцаў: доля кожнага",
    "position": "Размяшчэнне",
    "legend_site": "на прадпрыемстве",
    "legend_town": "толькі цэнтр горада (пусты, пункцір)",
    "sector": "Галіна",
    "pos_site": "на прадпрыемстве",
    "pos_street": "на вуліцы прадпрыемства",
    "pos_town": "пастаўлена ў цэнтр горада: дакладнае месца прадпрыемства невядомае",
    "pos_group": "пастаўлена ў цэнтр горада: крыніца не называе прадпрыемства",
    "pos_country": "пастаўлена ў цэнтр краіны: горад невядомы",
    "pos_none": "не размешчана",
    "position_label": "Размяшчэнне",
    "town_centre": "цэнтр горада",
    "actions_count": "акцый: {count}",
    "more_sites": "і яшчэ {count}",
    "search": "Знайсці месца або горад",
    "town_kind": "горад",
    "fit": "Паказаць усе месцы",
    "sources": "Крыніцы",
    "all_data": "Усе месцы, хвалі і акцыі з даных",
    "no_match": "Ніводная акцыя не адпавядае фільтрам",
    "counts": "Месцаў: {sites}, акцый: {actions}",
    "unlocated": "(без месца на мапе: {count})",
    "waves_line": "Хвалі: {waves}",
    "on_day": "Акцыі {day}",
    "dates_from": "з {day}",
    "dates_to": "па {day}",
    "dates": "Даты: {range}",
    "col_name": "Месца",
    "col_local_name": "Мясцовая назва",
    "col_town": "Горад",
    "col_oblast": "Вобласць",
    "col_sector": "Галіна",
    "col_status": "Статус",
    "col_position": "Размяшчэнне",
    "col_actions": "Акцыі",
    "col_quotes": "Цытаты",
    "col_sources": "Крыніцы",
    "speed": "Хуткасць",
    "upload_unexpected": "Файл не атрымалася прачытаць праз нечаканую памылку; яна запісана ў журнал. Праверце, што гэта файл CSV, Excel або GeoJSON у фармаце з README.",
    "x_wave": "Хваля", "x_waves": "Хвалі", "x_sector": "Галіна", "x_sectors": "Галіны",
    "x_oblast": "Вобласць", "x_oblasts": "Вобласці", "x_town": "Горад", "x_towns": "Гарады",
    "x_type": "Від акцыі", "x_types": "Віды акцый", "and": "і",
}

RU: dict[str, str] = {
    "language": "Язык",
    "title": "Белорусские забастовки 2020 года",
    "data": "Данные",
    "upload": "Ваши данные о забастовках",
    "upload_help": "CSV, Excel или GeoJSON: экспорт ACLED или Labor Action Tracker как есть, экспорт этой карты "
                   "или столбцы из README. Не больше {mb} МБ и {rows} строк.",
    "labour_only": "Только трудовые акции",
    "labour_only_help": "Для файлов ACLED: оставить события, где участники или теги называют рабочих, профсоюзы "
                        "или забастовки",
    "sheet": "Лист",
    "show": "Показать",
    "data_builtin": "Беларусь 2020 (встроенные)",
    "data_upload": "Только мой файл",
    "data_both": "Вместе",
    "not_loaded": "{name} не загружен; показанные данные не изменились.",
    "play_header": "Проиграть волны",
    "day_mode": "Показывать по одному дню",
    "day": "День",
    "play": "Играть",
    "pause": "Пауза",
    "speed_1": "1 день в секунду",
    "speed_2": "2 дня в секунду",
    "speed_half": "день за 2 секунды",
    "range_off": "Не действует, пока карта показывает один день",
    "filters": "Фильтры",
    "view": "Вид",
    "view_map": "Карта",
    "view_compare": "Сравнить две волны",
    "date_of_action": "Дата акции",
    "filter_wave": "Волна",
    "filter_sector": "Отрасль",
    "filter_oblast": "Область",
    "filter_town": "Город",
    "filter_type": "Вид акции",
    "all": "Все",
    "filters_caption": "Пустой фильтр показывает всё. Адресная строка хранит фильтры: скопируйте ссылку, "
                       "чтобы поделиться этим видом.",
    "in_action": "Мест с акциями в этот день: {count}",
    "sites_shown": "Мест показано",
    "actions_shown": "Акций показано",
    "sites_in": "Мест: {wave}",
    "not_on_map": "Не на карте",
    "all_placed": "Все подходящие места есть на карте.",
    "sites": "Места",
    "export": "Экспорт этого вида",
    "export_csv": "CSV (акции)",
    "export_geojson": "GeoJSON (места)",
    "export_html": "HTML-карта (офлайн)",
    "export_png": "Снимок PNG",
    "png_off": "Экспорт PNG выключен: {why}",
    "empty": "Ни одно место не подходит под фильтры. Расширьте или очистите фильтр на боковой панели.",
    "skip_map": "Перейти к карте",
    "skip_table": "Перейти к таблице мест",
    "describe": "Мест забастовок на карте: {count}. {statuses}. На самом предприятии: {site}, в центре города: {town}.",
    "describe_none": "На карте нет ни одного места забастовки.",
    "map_label": "Карта мест забастовок",
    "cluster_label": "Мест забастовок здесь: {count}. Нажмите Enter, чтобы приблизить",
    "cluster_label_at": "Мест забастовок около города {town}: {count}. Нажмите Enter, чтобы приблизить",
    "empty_day": "В этот день при этих фильтрах нет ни одного места с акцией.",
    "action_days": "Только дни с акциями",
    "action_days_help": "Переходить по дням, когда где-то шла акция, пропуская спокойные дни.",
    "gesture_touch": "Чтобы переместить карту, проведите по ней двумя пальцами",
    "gesture_scroll": "Чтобы изменить масштаб, прокручивайте карту, удерживая клавишу Ctrl",
    "gesture_scroll_mac": "Чтобы изменить масштаб, прокручивайте карту, удерживая клавишу \u2318",
    "one_wave": "В этих данных одна волна ({wave}), сравнивать не с чем.",
    "compare_caption": "{first} слева, {second} справа; карты двигаются и масштабируются вместе. Сравнение не "
                       "учитывает фильтры волны и даты.",
    "sites_status": "Места: {status}",
    "compare_table": "Где акции прекратились, продолжились или начались",
    "by_sector": "Места по волнам и отраслям",
    "by_oblast": "Места по волнам и областям",
    "unexpected": "Не удалось показать этот вид; ошибка записана в журнал. Выберите встроенные данные или "
                  "измените фильтры и попробуйте снова.",
    "legend": "Легенда",
    "struck_in": "Бастовали",
    "only": "Только {wave}",
    "both": "И {first}, и {second}",
    "other_waves": "Только другие волны",
    "cluster": "группа мест: доля каждого",
    "position": "Расположение",
    "legend_site": "на предприятии",
    "legend_town": "только центр города (пустой, пунктир)",
    "sector": "Отрасль",
    "pos_site": "на предприятии",
    "pos_street": "на улице предприятия",
    "pos_town": "поставлено в центр города: точное место предприятия неизвестно",
    "pos_group": "поставлено в центр города: источник не называет предприятие",
    "pos_country": "поставлено в центр страны: город неизвестен",
    "pos_none": "не размещено",
    "position_label": "Расположение",
    "town_centre": "центр города",
    "actions_count": "акций: {count}",
    "more_sites": "и ещё {count}",
    "search": "Найти место или город",
    "town_kind": "город",
    "fit": "Показать все места",
    "sources": "Источники",
    "all_data": "Все места, волны и акции из данных",
    "no_match": "Ни одна акция не подходит под фильтры",
    "counts": "Мест: {sites}, акций: {actions}",
    "unlocated": "(без места на карте: {count})",
    "waves_line": "Волны: {waves}",
    "on_day": "Акции {day}",
    "dates_from": "с {day}",
    "dates_to": "по {day}",
    "dates": "Даты: {range}",
    "col_name": "Место",
    "col_local_name": "Местное название",
    "col_town": "Город",
    "col_oblast": "Область",
    "col_sector": "Отрасль",
    "col_status": "Статус",
    "col_position": "Расположение",
    "col_actions": "Акции",
    "col_quotes": "Цитаты",
    "col_sources": "Источники",
    "speed": "Скорость",
    "upload_unexpected": "Файл не удалось прочитать из-за неожиданной ошибки; она записана в журнал. Проверьте, что это файл CSV, Excel или GeoJSON в формате из README.",
    "x_wave": "Волна", "x_waves": "Волны", "x_sector": "Отрасль", "x_sectors": "Отрасли",
    "x_oblast": "Область", "x_oblasts": "Области", "x_town": "Город", "x_towns": "Города",
    "x_type": "Вид акции", "x_types": "Виды акций", "and": "и",
}

CATALOGUES = {"en": EN, "be": BE, "ru": RU}

# The data's own words: the keys stay English (filters and links use them); only their display changes.
VOCABULARY: dict[str, dict[str, str]] = {
    "be": {
        "august": "жнівень", "november": "лістапад", "october": "кастрычнік", "september": "верасень",
        "manufacturing": "вытворчасць", "chemicals": "хімія", "mining": "здабыча", "energy": "энергетыка",
        "transport": "транспарт", "health": "ахова здароўя", "education": "адукацыя", "culture": "культура",
        "construction": "будаўніцтва", "food": "харчовая", "forestry": "лясная", "research": "навука",
        "public services": "камунальныя паслугі", "unspecified": "не вызначана",
        "strike": "страйк", "walkout": "выхад з працы", "protest": "пратэст", "go-slow": "італьянскі страйк",
        "arrests": "арышты", "both": "абедзве",
        "Brest": "Брэсцкая", "Gomel": "Гомельская", "Grodno": "Гродзенская", "Minsk": "Мінская",
        "Minsk City": "Мінск", "Mogilev": "Магілёўская", "Vitebsk": "Віцебская",
    },
    "ru": {
        "august": "август", "november": "ноябрь", "october": "октябрь", "september": "сентябрь",
        "manufacturing": "промышленность", "chemicals": "химия", "mining": "добыча", "energy": "энергетика",
        "transport": "транспорт", "health": "здравоохранение", "education": "образование", "culture": "культура",
        "construction": "строительство", "food": "пищевая", "forestry": "лесная", "research": "наука",
        "public services": "коммунальные услуги", "unspecified": "не определено",
        "strike": "забастовка", "walkout": "уход с работы", "protest": "протест", "go-slow": "итальянская забастовка",
        "arrests": "аресты", "both": "обе",
        "Brest": "Брестская", "Gomel": "Гомельская", "Grodno": "Гродненская", "Minsk": "Минская",
        "Minsk City": "Минск", "Mogilev": "Могилёвская", "Vitebsk": "Витебская",
    },
}
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "be": ("студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня", "ліпеня", "жніўня", "верасня",
           "кастрычніка", "лістапада", "снежня"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"),
}
# Letters only one of the two languages writes: how a local name's language is told.
_BELARUSIAN_ONLY = re.compile("[іўІЎ]")
_RUSSIAN_ONLY = re.compile("[иъщИЪЩ]")


def language(code: object) -> str:
    """A language code as given (a link is anyone's text), or the default."""
    return code if isinstance(code, str) and code in LANGUAGES else DEFAULT


def t(lang: str, key: str, **values: Any) -> str:
    """The interface string ``key`` in ``lang``, with its placeholders filled."""
    text = CATALOGUES[language(lang)][key]
    return text.format(**values) if values else text


def word(lang: str, value: object) -> str:
    """A value of the data's vocabularies (a sector, a wave, an oblast) as shown in ``lang``."""
    text = str(value)
    return VOCABULARY.get(language(lang), {}).get(text, VOCABULARY.get(language(lang), {}).get(text.lower(), text))


def long_date(lang: str, day: date) -> str:
    """12 August 2020, 12 жніўня 2020, 12 августа 2020."""
    return f"{day.day} {MONTHS[language(lang)][day.month - 1]} {day.year}"


def joined(lang: str, values: list[str]) -> str:
    """a, b and c, in ``lang``."""
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" {t(lang, 'and')} " + values[-1]


def local_name_in(lang: str, name: object) -> bool:
    """Whether a dataset's local name is written in ``lang`` (Belarusian and Russian are told by their letters)."""
    if not isinstance(name, str) or lang == "en":
        return False
    if lang == "be":
        return bool(_BELARUSIAN_ONLY.search(name)) or not _RUSSIAN_ONLY.search(name)
    return bool(_RUSSIAN_ONLY.search(name)) or not _BELARUSIAN_ONLY.search(name)


def site_name(lang: str, name: object, local_name: object) -> str:
    """The site's name in ``lang`` where the dataset has one, else its English name."""
    return str(local_name) if local_name_in(lang, local_name) else str(name)
