"""An upload's notes and problems in the reader's language: worded when shown, not when found.

The intake finds a problem deep inside a file, where no reader's language is
known (and its results are cached whatever the language), so it says what it
found as a Say: a key in these catalogues and its values. The page words it in
the reader's language; str() gives the English, as the command line, the logs
and the tests read it. A value that is itself a Say is worded in the same
language; a count is grouped as the language writes it (2,500,000; 2 500 000),
and a catalogue entry given as a tuple has a form per plural category of the
value ``n`` (English one/other; Belarusian and Russian one/few/many).
A test checks that the three catalogues have the same keys, forms and placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..core.i18n import DEFAULT, Lang, language, word
from ..core.problems import MAX_PROBLEMS_SHOWN

Entry = str | tuple[str, ...]
# What a file's row is called in messages ("row 4", "feature 3", "2 records"): each has its words below.
Unit = Literal["row", "feature", "record", "site", "action"]

EN: dict[str, Entry] = {
    "at_unit": "{label}: {unit} {row}",
    "unit_action": "action",
    "units_action": "actions",
    "count_action": ("{n:,} action", "{n:,} actions"),
    "header_too_long": "{label}: line 1: a column name is longer than {limit:,} characters: "
    "the first line must be the header (the column names)",
    # GeoJSON and ACLED's JSON
    "too_deep": "{label}: the JSON is nested more than {depth} levels deep, "
    "deeper than a GeoJSON FeatureCollection of Points needs",
    "not_json": "{label}: not valid JSON: {why} at line {line}, column {column}",
    "not_feature_collection": "{label}: a GeoJSON upload must be a FeatureCollection with a features list, "
    "or ACLED's JSON with a data list (got {kind})",
    "properties_object": "must be an object of column names and values",
    "property_repeats": "{at}: property {key} repeats another as {column}",
    "text_or_number": "must be text or a number (got a {kind})",
    "part_not_text": "its {part} holds {found}, which is not text: delete it",
    "part_name": "name",
    "part_value": "value",
    "point_coordinates": "a Point needs coordinates [longitude, latitude]",
    "only_points": "only Points can be mapped (got {kind})",
    "no_properties": "{label}: the features have no properties",
    "record_object": "{at}: must be an object of ACLED's fields",
    "site_field_kind": "{at}: a field holds a {kind}, not text or a number",
    # workbooks
    "workbook_refused": "{label}: {what}: save the sheet alone as .xlsx or CSV UTF-8, or split it, and try again",
    "too_many_cells": "the workbook holds more than {limit:,} cells with values",
    "too_much_text": "the workbook's cells hold more than {limit:,} characters",
    "too_slow": "the workbook takes more than {seconds} seconds of work to read",
    "protected": "{label}: the workbook is password-protected, or an old .xls file: "
    "open it in a spreadsheet, remove the password, and save it as .xlsx (or CSV UTF-8)",
    "part_too_big": "its part {part} inflates to {size:,} bytes, more than the {mb} MB a part may",
    "part_ratio": "its part {part} inflates {ratio:,} times over, more than the {limit} times of any real workbook",
    "part_lied": "its part {part} inflates past the size its directory gives",
    "part_doctype": "its part {part} declares a document type, which no workbook needs",
    "damaged": "{label}: not a readable .xlsx workbook{where}: {why}; it may be damaged; "
    "save it again as .xlsx or as CSV UTF-8",
    "in_part": " (part {part})",
    "why_xml": "its XML is not well formed at line {line}, column {column} (the XML parser says: {detail})",
    "why_zip": "it is not a whole zip archive",
    "why_part_missing": "a part it names is missing",
    "why_ends_early": "it ends before its data does",
    "why_packing": "a part is packed in a way this map cannot unpack",
    "why_encrypted": "a part is encrypted",
    "no_worksheet": "{label}: the workbook has no worksheet to read: add one with the strikes "
    "in it, or save the data as CSV UTF-8",
    "shared_string_too_long": "shared string {number} is {length:,} characters long, "
    "more than the {limit:,} Excel allows in a cell",
    "column_past_limit": "{label}: row {row} has a value in column {column:,}, past the {limit} columns "
    "an upload may have: delete the columns the map does not use",
    "cell_too_long": "{label}: row {row}, column {column}: the value is {length:,} characters long, "
    "more than the {limit:,} a cell may hold",
    "missing_shared_string": "{label}: row {row}: a cell refers to shared string {index}, which the workbook "
    "does not have: it is damaged; save it again as .xlsx or as CSV UTF-8",
    "column_not_text": "{label}: the name of column {number} holds {found}, which is not text: delete it",
    "holds_not_text": "holds {found}, which is not text: delete it",
    "column_too_long": "{label}: the name of column {number} is {length:,} characters long, "
    "more than the {limit:,} a cell may hold",
    "too_long": "is {length:,} characters long, more than the {limit:,} a cell may hold",
    "control_character": "a control character (U+{code})",
    "surrogate": "an unpaired surrogate (U+{code})",
    "wrong_field_count": "{label}: row {row}: has {saw} fields but the header has {expected}: "
    "does a value contain {separator} without quotes around it?",
    "commas": "commas",
    "semicolons": "semicolons",
    "tabs": "tabs",
    "duplicate_column": "{label}: column {name} appears twice (columns {first} and {second})",
    "not_csv": "{label}: cannot be read as CSV: {why}",
    "format_csv": "a CSV",
    "format_xlsx": "an Excel workbook",
    "format_json": "GeoJSON or ACLED JSON",
    "format_kind": "{kind} ({suffixes})",
    "or_last": "{first}, or {last}",
    "acled_left_out": (
        "{n} ACLED row without workers, unions or strikes in their actors or tags left out (labour actions only)",
        "{n} ACLED rows without workers, unions or strikes in their actors or tags left out (labour actions only)",
    ),
    "acled_unnamed": (
        "{n} ACLED row names no workplace: named after the actor and the town",
        "{n} ACLED rows name no workplace: named after the actor and the town",
    ),
    "tracker_no_id": "the Tracker has no id column: each action is named after its row (lat-row-2, ...)",
    "no_such_sheet": "{label}: there is no sheet {number} (the workbook has {count})",
    "empty_sheet": "{label}: the sheet {name} is empty",
    # where a problem is
    "at_one": "{label}: {unit} {row}, field {field}",
    "at_many": "{label}: {units} {rows}{more}, field {field}",
    "and_more_rows": " and {n} more",
    "problem": "{at}: {what}",
    "more_problems": ("... and {n} more problem", "... and {n} more problems"),
    "unit_row": "row",
    "unit_feature": "feature",
    "unit_record": "record",
    "unit_site": "site",
    "units_row": "rows",
    "units_feature": "features",
    "units_record": "records",
    "units_site": "sites",
    # a row's fields
    "empty_required": "is empty (it is required)",
    "duplicate_id": "duplicate id {id} (also in {unit} {row})",
    "date_hint": "write dates as YYYY-MM-DD (2020-08-10) or DD Month YYYY (10 August 2020)",
    "ambiguous_date": "{value} is ambiguous (day and month could be either way round): {hint}",
    "not_a_date": "{value} is not a date: {hint}",
    "end_before_start": "{end} is before the event_date {start}",
    "time_precision": "must be 1 (the day is known), 2 (the week) or 3 (the month) (got {value})",
    "geo_precision": "must be 1 (the exact place), 2 (in or near the town) or 3 (a larger region) (got {value})",
    "not_a_link": "must start with http:// or https:// (got {value})",
    "not_a_number": "{value} is not a number",
    "empty_but_given": "is empty but {other} is given",
    "swapped": "latitude and longitude look swapped (latitude {lat}, longitude {lon})",
    "out_of_range": "{value} is out of range ({low} to {high})",
    "no_place": "is empty and there are no coordinates: give latitude and longitude, or the town",
    "unknown_country": "unknown country {value} (needed to find the town): "
    "write its English name or ISO code, e.g. Belarus or BY",
    "unknown_town": "the town {town} is not in the offline gazetteer: check the spelling, or give latitude and longitude",
    # columns
    "unknown_column": "{label}: unknown column {name}: did you mean {guess}?",
    "missing_column": "{label}: missing required column {name}",
    "missing_column_or": "{label}: missing required column {name} (or {others})",
    "or": " or ",
    "half_coordinates": "{label}: column {given} is given without {missing}",
    "no_place_columns": "{label}: missing columns 'latitude' and 'longitude', or 'location': "
    "every row needs coordinates or a town",
    "ignored_columns": (
        "ignored {n} column the map does not use: {names}",
        "ignored {n} columns the map does not use: {names}",
    ),
    "and_more_names": "{names} and {n} more",
    "unnamed": "(unnamed)",
    # the file
    "too_large": "{label}: the file is larger than the {mb} MB upload limit: "
    "split it, or delete the columns the map does not use, and try again",
    "bad_bom": "{label}: the file starts with a {encoding} byte-order mark but is not {encoding} text: "
    "save it as CSV UTF-8",
    "not_text_file": "{label}: the file is neither UTF-8, UTF-16, UTF-32 nor cp1251 text: save it as CSV UTF-8",
    "nul_bytes": "{label}: the file holds NUL bytes, so it is not text "
    "(a spreadsheet, or UTF-16 without a byte-order mark?): save it as CSV UTF-8",
    "empty_file": "{label}: the file is empty",
    "too_many_rows": "{label}: the file has {count}, more than the {limit:,} an upload "
    "may have: split it by date or region and upload one part",
    "too_many_columns": "{label}: the file has {count:,} columns, more than the {limit} "
    "an upload may have: delete the columns the map does not use",
    "unknown_type": "{label}: cannot read {suffix} files: upload {formats}",
    "no_suffix": "extension-less",
    "header_only": "{label}: the file has a header but no data rows",
    "no_features": "{label}: the file has no features",
    "nothing_left": "{label}: no rows are left to map ({why})",
    "blank_first_line": "{label}: the first line is blank: the header (the column names) must come first",
    # how the file was read
    "read_as_bom": "read as {encoding}",
    "with_bom": "UTF-8 (with a byte-order mark)",
    "read_as_utf8": "read as UTF-8",
    "read_as_cp1251": "read as cp1251 (Windows Cyrillic): the file is not valid UTF-8",
    "separated_by_semicolons": "columns are separated by semicolons",
    "separated_by_tabs": "columns are separated by tabs",
    "read_as_own_export": "read as this map's own export",
    "read_as": "read as {convention}",
    "acled_export": "an ACLED export",
    "tracker_export": "a Labor Action Tracker export",
    "read_sheet": "read the sheet {name}",
    "read_sheet_of": "read the sheet {name} (the workbook has {count} sheets)",
    "placed_in_town": (
        "{n} row geocoded to the town centre with the offline gazetteer",
        "{n} rows geocoded to the town centre with the offline gazetteer",
    ),
    "placed_in_towns": (
        "{n} row geocoded to the centres of {towns} towns with the offline gazetteer",
        "{n} rows geocoded to the centres of {towns} towns with the offline gazetteer",
    ),
    "no_geo_precision": "no geo_precision column: the given coordinates are taken to be the workplaces themselves",
    "no_wave": (
        "{n} row without a wave: named after the month and year of their date",
        "{n} rows without a wave: named after the month and year of their date",
    ),
    "no_action_type": (
        "{n} row without an action type: taken as {type}",
        "{n} rows without an action type: taken as {type}",
    ),
    "no_sector": (
        "{n} row without a sector: inferred from the workplace and notes ({unspecified})",
        "{n} rows without a sector: inferred from the workplace and notes ({unspecified})",
    ),
    "left_unspecified": ("{n} row left unspecified", "{n} rows left unspecified"),
    # the summary under the upload box
    "count_row": ("{n:,} row", "{n:,} rows"),
    "count_feature": ("{n:,} feature", "{n:,} features"),
    "count_record": ("{n:,} record", "{n:,} records"),
    "count_site": ("{n:,} site", "{n:,} sites"),
    "waves": ("{n} wave", "{n} waves"),
    "dates": "dates {start} to {end}",
    "located": (
        "{n} row located ({site} at the workplace, {town} at the town centre)",
        "{n} rows located ({site} at the workplace, {town} at the town centre)",
    ),
    "note": "note: {note}",
}

BE: dict[str, Entry] = {
    "at_unit": "{label}: {unit} {row}",
    "unit_action": "акцыя",
    "units_action": "акцыі",
    "count_action": ("{n:,} акцыя", "{n:,} акцыі", "{n:,} акцый"),
    "header_too_long": "{label}: радок 1: назва слупка даўжэйшая за {limit:,} знакаў: "
    "першы радок мусіць быць загалоўкам (назвамі слупкоў)",
    "too_deep": "{label}: JSON укладзены глыбей за {depth} узроўняў, "
    "глыбей, чым трэба для GeoJSON FeatureCollection з пунктаў",
    "not_json": "{label}: няправільны JSON: {why} у радку {line}, слупку {column}",
    "not_feature_collection": "{label}: загрузка GeoJSON мусіць быць FeatureCollection са спісам features "
    "або JSON ACLED са спісам data (а тут {kind})",
    "properties_object": "мусіць быць аб'ектам з назвамі слупкоў і значэннямі",
    "property_repeats": "{at}: уласцівасць {key} паўтарае іншую як {column}",
    "text_or_number": "мусіць быць тэкстам або лікам (а тут {kind})",
    "part_not_text": "у яго {part} ёсць {found}, а гэта не тэкст: выдаліце яго",
    "part_name": "назве",
    "part_value": "значэнні",
    "point_coordinates": "пункту (Point) патрэбныя каардынаты [longitude, latitude]",
    "only_points": "на мапе могуць быць толькі пункты (Point) (а тут {kind})",
    "no_properties": "{label}: у аб'ектаў няма ўласцівасцей",
    "record_object": "{at}: мусіць быць аб'ектам з палямі ACLED",
    "site_field_kind": "{at}: у полі ёсць {kind}, а не тэкст ці лік",
    "workbook_refused": "{label}: {what}: захавайце аркуш асобна як .xlsx або CSV UTF-8 "
    "ці падзяліце яго і паспрабуйце зноў",
    "too_many_cells": "у кнізе больш за {limit:,} ячэек са значэннямі",
    "too_much_text": "у ячэйках кнігі больш за {limit:,} знакаў",
    "too_slow": "на чытанне кнігі трэба больш за {seconds} секунд працы",
    "protected": "{label}: кніга абаронена паролем або гэта стары файл .xls: "
    "адкрыйце яе ў праграме для табліц, зніміце пароль і захавайце як .xlsx (або CSV UTF-8)",
    "part_too_big": "яе частка {part} раскрываецца ў {size:,} байтаў, больш за {mb} МБ, дазволеныя частцы",
    "part_ratio": "яе частка {part} раскрываецца ў {ratio:,} разоў, больш за {limit} разоў любой сапраўднай кнігі",
    "part_lied": "яе частка {part} раскрываецца больш, чым кажа яе каталог",
    "part_doctype": "яе частка {part} аб'яўляе тып дакумента, які ніводнай кнізе не патрэбны",
    "damaged": "{label}: кніга .xlsx не чытаецца{where}: {why}; магчыма, яна пашкоджаная; "
    "захавайце яе зноў як .xlsx або як CSV UTF-8",
    "in_part": " (частка {part})",
    "why_xml": "яе XML няправільны ў радку {line}, слупку {column} (разбор XML кажа: {detail})",
    "why_zip": "гэта не цэлы zip-архіў",
    "why_part_missing": "няма часткі, якую яна называе",
    "why_ends_early": "яна канчаецца раней за свае даныя",
    "why_packing": "частка спакаваная так, што гэтая карта не можа яе раскрыць",
    "why_encrypted": "частка зашыфраваная",
    "no_worksheet": "{label}: у кнізе няма аркуша для чытання: дадайце аркуш са страйкамі "
    "або захавайце даныя як CSV UTF-8",
    "shared_string_too_long": "агульны радок {number} мае даўжыню {length:,} знакаў, "
    "больш за {limit:,}, якія Excel дазваляе ў ячэйцы",
    "column_past_limit": "{label}: у радку {row} ёсць значэнне ў слупку {column:,}, далей за {limit} слупкоў, "
    "дазволеных для загрузкі: выдаліце слупкі, якія мапа не выкарыстоўвае",
    "cell_too_long": "{label}: радок {row}, слупок {column}: значэнне мае даўжыню {length:,} знакаў, "
    "больш за {limit:,}, якія можа мець ячэйка",
    "missing_shared_string": "{label}: радок {row}: ячэйка спасылаецца на агульны радок {index}, якога ў кнізе "
    "няма: яна пашкоджаная; захавайце яе зноў як .xlsx або як CSV UTF-8",
    "column_not_text": "{label}: у назве слупка {number} ёсць {found}, а гэта не тэкст: выдаліце яго",
    "holds_not_text": "ёсць {found}, а гэта не тэкст: выдаліце яго",
    "column_too_long": "{label}: назва слупка {number} мае даўжыню {length:,} знакаў, "
    "больш за {limit:,}, якія можа мець ячэйка",
    "too_long": "мае даўжыню {length:,} знакаў, больш за {limit:,}, якія можа мець ячэйка",
    "control_character": "кіравальны знак (U+{code})",
    "surrogate": "непарны сурагат (U+{code})",
    "wrong_field_count": "{label}: радок {row}: палёў {saw}, а ў загалоўку {expected}: "
    "ці няма ў нейкім значэнні {separator} без двукоссяў вакол яго?",
    "commas": "коскі",
    "semicolons": "кропкі з коскай",
    "tabs": "табуляцыі",
    "duplicate_column": "{label}: слупок {name} сустракаецца двойчы (слупкі {first} і {second})",
    "not_csv": "{label}: не чытаецца як CSV: {why}",
    "format_csv": "CSV",
    "format_xlsx": "кнігу Excel",
    "format_json": "GeoJSON або ACLED JSON",
    "format_kind": "{kind} ({suffixes})",
    "or_last": "{first} або {last}",
    "acled_left_out": (
        "{n} радок ACLED без рабочых, прафсаюзаў ці забастовак ва ўдзельніках ці тэгах не ўзяты "
        "(толькі працоўныя акцыі)",
        "{n} радкі ACLED без рабочых, прафсаюзаў ці забастовак ва ўдзельніках ці тэгах не ўзятыя "
        "(толькі працоўныя акцыі)",
        "{n} радкоў ACLED без рабочых, прафсаюзаў ці забастовак ва ўдзельніках ці тэгах не ўзятыя "
        "(толькі працоўныя акцыі)",
    ),
    "acled_unnamed": (
        "{n} радок ACLED не называе прадпрыемства: ён названы паводле ўдзельніка і горада",
        "{n} радкі ACLED не называюць прадпрыемства: яны названыя паводле ўдзельніка і горада",
        "{n} радкоў ACLED не называюць прадпрыемства: яны названыя паводле ўдзельніка і горада",
    ),
    "tracker_no_id": "у Tracker няма слупка id: кожная акцыя названая паводле свайго радка (lat-row-2, ...)",
    "no_such_sheet": "{label}: няма аркуша {number} (аркушаў у кнізе: {count})",
    "empty_sheet": "{label}: аркуш {name} пусты",
    "at_one": "{label}: {unit} {row}, поле {field}",
    "at_many": "{label}: {units} {rows}{more}, поле {field}",
    "and_more_rows": " і яшчэ {n}",
    "problem": "{at}: {what}",
    "more_problems": ("... і яшчэ {n} памылка", "... і яшчэ {n} памылкі", "... і яшчэ {n} памылак"),
    "unit_row": "радок",
    "unit_feature": "аб'ект",
    "unit_record": "запіс",
    "unit_site": "месца",
    "units_row": "радкі",
    "units_feature": "аб'екты",
    "units_record": "запісы",
    "units_site": "месцы",
    "empty_required": "пустое (гэтае поле абавязковае)",
    "duplicate_id": "id {id} паўтараецца (ён ужо ёсць: {unit} {row})",
    "date_hint": "пішыце даты як YYYY-MM-DD (2020-08-10) або DD Month YYYY з англійскай назвай месяца (10 August 2020)",
    "ambiguous_date": "{value} — неадназначная дата (дзень і месяц можна прачытаць і так, і наадварот): {hint}",
    "not_a_date": "{value} — не дата: {hint}",
    "end_before_start": "{end} раней за event_date {start}",
    "time_precision": "мусіць быць 1 (вядомы дзень), 2 (тыдзень) або 3 (месяц) (а тут {value})",
    "geo_precision": "мусіць быць 1 (дакладнае месца), 2 (у горадзе ці побач) або 3 (большы рэгіён) (а тут {value})",
    "not_a_link": "мусіць пачынацца з http:// або https:// (а тут {value})",
    "not_a_number": "{value} — не лік",
    "empty_but_given": "пустое, хоць {other} дадзена",
    "swapped": "здаецца, latitude і longitude пераблытаныя (latitude {lat}, longitude {lon})",
    "out_of_range": "{value} па-за межамі (ад {low} да {high})",
    "no_place": "пустое, і каардынат няма: дайце latitude і longitude або горад",
    "unknown_country": "невядомая краіна {value} (яна патрэбная, каб знайсці горад): "
    "напішыце яе англійскую назву ці код ISO, напрыклад Belarus або BY",
    "unknown_town": "горада {town} няма ў афлайн-газетыры: праверце напісанне або дайце latitude і longitude",
    "unknown_column": "{label}: невядомы слупок {name}: можа, маецца на ўвазе {guess}?",
    "missing_column": "{label}: няма абавязковага слупка {name}",
    "missing_column_or": "{label}: няма абавязковага слупка {name} (або {others})",
    "or": " або ",
    "half_coordinates": "{label}: слупок {given} ёсць, а {missing} няма",
    "no_place_columns": "{label}: няма слупкоў 'latitude' і 'longitude' або 'location': "
    "кожнаму радку патрэбныя каардынаты або горад",
    "ignored_columns": (
        "не ўзяты {n} слупок, які мапа не выкарыстоўвае: {names}",
        "не ўзятыя {n} слупкі, якія мапа не выкарыстоўвае: {names}",
        "не ўзятыя {n} слупкоў, якія мапа не выкарыстоўвае: {names}",
    ),
    "and_more_names": "{names} і яшчэ {n}",
    "unnamed": "(без назвы)",
    "too_large": "{label}: файл большы за ліміт загрузкі {mb} МБ: "
    "падзяліце яго або выдаліце слупкі, якія мапа не выкарыстоўвае, і паспрабуйце зноў",
    "bad_bom": "{label}: файл пачынаецца з адзнакі парадку байтаў {encoding}, але гэта не тэкст {encoding}: "
    "захавайце яго як CSV UTF-8",
    "not_text_file": "{label}: файл не з'яўляецца тэкстам UTF-8, UTF-16, UTF-32 ці cp1251: захавайце яго як CSV UTF-8",
    "nul_bytes": "{label}: у файле ёсць байты NUL, значыць гэта не тэкст "
    "(табліца або UTF-16 без адзнакі парадку байтаў?): захавайце яго як CSV UTF-8",
    "empty_file": "{label}: файл пусты",
    "too_many_rows": "{label}: у файле {count}, больш за {limit:,}, дазволеныя для загрузкі: "
    "падзяліце яго па датах або рэгіёнах і загрузіце адну частку",
    "too_many_columns": "{label}: у файле слупкоў: {count:,}, больш за {limit}, дазволеныя для загрузкі: "
    "выдаліце слупкі, якія мапа не выкарыстоўвае",
    "unknown_type": "{label}: файлы {suffix} не чытаюцца: загрузіце {formats}",
    "no_suffix": "без пашырэння",
    "header_only": "{label}: у файле ёсць загаловак, але няма радкоў з данымі",
    "no_features": "{label}: у файле няма аб'ектаў",
    "nothing_left": "{label}: не засталося радкоў для мапы ({why})",
    "blank_first_line": "{label}: першы радок пусты: спачатку мусіць ісці загаловак (назвы слупкоў)",
    "read_as_bom": "прачытаны як {encoding}",
    "with_bom": "UTF-8 (з адзнакай парадку байтаў)",
    "read_as_utf8": "прачытаны як UTF-8",
    "read_as_cp1251": "прачытаны як cp1251 (Windows, кірыліца): файл не з'яўляецца правільным UTF-8",
    "separated_by_semicolons": "слупкі падзеленыя кропкамі з коскай",
    "separated_by_tabs": "слупкі падзеленыя табуляцыяй",
    "read_as_own_export": "прачытаны як экспарт гэтай мапы",
    "read_as": "прачытаны як {convention}",
    "acled_export": "экспарт ACLED",
    "tracker_export": "экспарт Labor Action Tracker",
    "read_sheet": "прачытаны аркуш {name}",
    "read_sheet_of": "прачытаны аркуш {name} (у кнізе аркушаў: {count})",
    "placed_in_town": (
        "{n} радок змешчаны ў цэнтр горада паводле афлайн-газетыра",
        "{n} радкі змешчаныя ў цэнтр горада паводле афлайн-газетыра",
        "{n} радкоў змешчаныя ў цэнтр горада паводле афлайн-газетыра",
    ),
    "placed_in_towns": (
        "{n} радок змешчаны ў цэнтры гарадоў ({towns}) паводле афлайн-газетыра",
        "{n} радкі змешчаныя ў цэнтры гарадоў ({towns}) паводле афлайн-газетыра",
        "{n} радкоў змешчаныя ў цэнтры гарадоў ({towns}) паводле афлайн-газетыра",
    ),
    "no_geo_precision": "няма слупка geo_precision: дадзеныя каардынаты лічацца месцамі саміх прадпрыемстваў",
    "no_wave": (
        "{n} радок без хвалі: хваля названая паводле месяца і года даты",
        "{n} радкі без хвалі: хвалі названыя паводле месяца і года даты",
        "{n} радкоў без хвалі: хвалі названыя паводле месяца і года даты",
    ),
    "no_action_type": (
        "{n} радок без тыпу акцыі: лічыцца {type}",
        "{n} радкі без тыпу акцыі: лічацца {type}",
        "{n} радкоў без тыпу акцыі: лічацца {type}",
    ),
    "no_sector": (
        "{n} радок без галіны: яна выведзеная з назвы прадпрыемства і нататак ({unspecified})",
        "{n} радкі без галіны: яна выведзеная з назвы прадпрыемства і нататак ({unspecified})",
        "{n} радкоў без галіны: яна выведзеная з назвы прадпрыемства і нататак ({unspecified})",
    ),
    "left_unspecified": ("{n} радок без галіны", "{n} радкі без галіны", "{n} радкоў без галіны"),
    "count_row": ("{n:,} радок", "{n:,} радкі", "{n:,} радкоў"),
    "count_feature": ("{n:,} аб'ект", "{n:,} аб'екты", "{n:,} аб'ектаў"),
    "count_record": ("{n:,} запіс", "{n:,} запісы", "{n:,} запісаў"),
    "count_site": ("{n:,} месца", "{n:,} месцы", "{n:,} месцаў"),
    "waves": ("{n} хваля", "{n} хвалі", "{n} хваль"),
    "dates": "даты з {start} па {end}",
    "located": (
        "{n} радок на мапе ({site} на прадпрыемстве, {town} у цэнтры горада)",
        "{n} радкі на мапе ({site} на прадпрыемстве, {town} у цэнтры горада)",
        "{n} радкоў на мапе ({site} на прадпрыемстве, {town} у цэнтры горада)",
    ),
    "note": "заўвага: {note}",
}

RU: dict[str, Entry] = {
    "at_unit": "{label}: {unit} {row}",
    "unit_action": "акция",
    "units_action": "акции",
    "count_action": ("{n:,} акция", "{n:,} акции", "{n:,} акций"),
    "header_too_long": "{label}: строка 1: название столбца длиннее {limit:,} знаков: "
    "первая строка должна быть заголовком (названиями столбцов)",
    "too_deep": "{label}: JSON вложен глубже {depth} уровней, глубже, чем нужно для GeoJSON FeatureCollection из точек",
    "not_json": "{label}: неправильный JSON: {why} в строке {line}, столбце {column}",
    "not_feature_collection": "{label}: загрузка GeoJSON должна быть FeatureCollection со списком features "
    "или JSON ACLED со списком data (а здесь {kind})",
    "properties_object": "должно быть объектом с названиями столбцов и значениями",
    "property_repeats": "{at}: свойство {key} повторяет другое как {column}",
    "text_or_number": "должно быть текстом или числом (а здесь {kind})",
    "part_not_text": "в его {part} есть {found}, а это не текст: удалите его",
    "part_name": "названии",
    "part_value": "значении",
    "point_coordinates": "точке (Point) нужны координаты [longitude, latitude]",
    "only_points": "на карте могут быть только точки (Point) (а здесь {kind})",
    "no_properties": "{label}: у объектов нет свойств",
    "record_object": "{at}: должна быть объектом с полями ACLED",
    "site_field_kind": "{at}: в поле есть {kind}, а не текст или число",
    "workbook_refused": "{label}: {what}: сохраните лист отдельно как .xlsx или CSV UTF-8 "
    "или разделите его и попробуйте снова",
    "too_many_cells": "в книге больше {limit:,} ячеек со значениями",
    "too_much_text": "в ячейках книги больше {limit:,} знаков",
    "too_slow": "на чтение книги нужно больше {seconds} секунд работы",
    "protected": "{label}: книга защищена паролем или это старый файл .xls: "
    "откройте её в программе для таблиц, снимите пароль и сохраните как .xlsx (или CSV UTF-8)",
    "part_too_big": "её часть {part} распаковывается в {size:,} байтов, больше {mb} МБ, допустимых для части",
    "part_ratio": "её часть {part} распаковывается в {ratio:,} раз, больше {limit} раз любой настоящей книги",
    "part_lied": "её часть {part} распаковывается больше, чем говорит её каталог",
    "part_doctype": "её часть {part} объявляет тип документа, который ни одной книге не нужен",
    "damaged": "{label}: книга .xlsx не читается{where}: {why}; возможно, она повреждена; "
    "сохраните её снова как .xlsx или как CSV UTF-8",
    "in_part": " (часть {part})",
    "why_xml": "её XML неправилен в строке {line}, столбце {column} (разбор XML говорит: {detail})",
    "why_zip": "это не целый zip-архив",
    "why_part_missing": "нет части, которую она называет",
    "why_ends_early": "она кончается раньше своих данных",
    "why_packing": "часть упакована так, что эта карта не может её распаковать",
    "why_encrypted": "часть зашифрована",
    "no_worksheet": "{label}: в книге нет листа для чтения: добавьте лист с забастовками "
    "или сохраните данные как CSV UTF-8",
    "shared_string_too_long": "общая строка {number} длиной {length:,} знаков, "
    "больше {limit:,}, которые Excel допускает в ячейке",
    "column_past_limit": "{label}: в строке {row} есть значение в столбце {column:,}, дальше {limit} столбцов, "
    "допустимых для загрузки: удалите столбцы, которые карта не использует",
    "cell_too_long": "{label}: строка {row}, столбец {column}: значение длиной {length:,} знаков, "
    "больше {limit:,}, которые может иметь ячейка",
    "missing_shared_string": "{label}: строка {row}: ячейка ссылается на общую строку {index}, которой в книге "
    "нет: она повреждена; сохраните её снова как .xlsx или как CSV UTF-8",
    "column_not_text": "{label}: в названии столбца {number} есть {found}, а это не текст: удалите его",
    "holds_not_text": "есть {found}, а это не текст: удалите его",
    "column_too_long": "{label}: название столбца {number} длиной {length:,} знаков, "
    "больше {limit:,}, которые может иметь ячейка",
    "too_long": "длиной {length:,} знаков, больше {limit:,}, которые может иметь ячейка",
    "control_character": "управляющий символ (U+{code})",
    "surrogate": "непарный суррогат (U+{code})",
    "wrong_field_count": "{label}: строка {row}: полей {saw}, а в заголовке {expected}: "
    "нет ли в каком-то значении {separator} без кавычек вокруг него?",
    "commas": "запятой",
    "semicolons": "точки с запятой",
    "tabs": "табуляции",
    "duplicate_column": "{label}: столбец {name} встречается дважды (столбцы {first} и {second})",
    "not_csv": "{label}: не читается как CSV: {why}",
    "format_csv": "CSV",
    "format_xlsx": "книгу Excel",
    "format_json": "GeoJSON или ACLED JSON",
    "format_kind": "{kind} ({suffixes})",
    "or_last": "{first} или {last}",
    "acled_left_out": (
        "{n} строка ACLED без рабочих, профсоюзов или забастовок в участниках или тегах не взята "
        "(только трудовые акции)",
        "{n} строки ACLED без рабочих, профсоюзов или забастовок в участниках или тегах не взяты "
        "(только трудовые акции)",
        "{n} строк ACLED без рабочих, профсоюзов или забастовок в участниках или тегах не взяты "
        "(только трудовые акции)",
    ),
    "acled_unnamed": (
        "{n} строка ACLED не называет предприятия: она названа по участнику и городу",
        "{n} строки ACLED не называют предприятия: они названы по участнику и городу",
        "{n} строк ACLED не называют предприятия: они названы по участнику и городу",
    ),
    "tracker_no_id": "в Tracker нет столбца id: каждая акция названа по своей строке (lat-row-2, ...)",
    "no_such_sheet": "{label}: нет листа {number} (листов в книге: {count})",
    "empty_sheet": "{label}: лист {name} пуст",
    "at_one": "{label}: {unit} {row}, поле {field}",
    "at_many": "{label}: {units} {rows}{more}, поле {field}",
    "and_more_rows": " и ещё {n}",
    "problem": "{at}: {what}",
    "more_problems": ("... и ещё {n} ошибка", "... и ещё {n} ошибки", "... и ещё {n} ошибок"),
    "unit_row": "строка",
    "unit_feature": "объект",
    "unit_record": "запись",
    "unit_site": "место",
    "units_row": "строки",
    "units_feature": "объекты",
    "units_record": "записи",
    "units_site": "места",
    "empty_required": "пусто (это поле обязательное)",
    "duplicate_id": "id {id} повторяется (он уже есть: {unit} {row})",
    "date_hint": "пишите даты как YYYY-MM-DD (2020-08-10) или DD Month YYYY с английским названием месяца "
    "(10 August 2020)",
    "ambiguous_date": "{value} — неоднозначная дата (день и месяц можно прочитать и так, и наоборот): {hint}",
    "not_a_date": "{value} — не дата: {hint}",
    "end_before_start": "{end} раньше, чем event_date {start}",
    "time_precision": "должно быть 1 (известен день), 2 (неделя) или 3 (месяц) (а здесь {value})",
    "geo_precision": "должно быть 1 (точное место), 2 (в городе или рядом) или 3 (более крупный регион) "
    "(а здесь {value})",
    "not_a_link": "должно начинаться с http:// или https:// (а здесь {value})",
    "not_a_number": "{value} — не число",
    "empty_but_given": "пусто, хотя {other} дано",
    "swapped": "похоже, latitude и longitude перепутаны (latitude {lat}, longitude {lon})",
    "out_of_range": "{value} вне диапазона (от {low} до {high})",
    "no_place": "пусто, и координат нет: укажите latitude и longitude или город",
    "unknown_country": "неизвестная страна {value} (она нужна, чтобы найти город): "
    "напишите её английское название или код ISO, например Belarus или BY",
    "unknown_town": "города {town} нет в офлайн-газетире: проверьте написание или укажите latitude и longitude",
    "unknown_column": "{label}: неизвестный столбец {name}: может быть, имеется в виду {guess}?",
    "missing_column": "{label}: нет обязательного столбца {name}",
    "missing_column_or": "{label}: нет обязательного столбца {name} (или {others})",
    "or": " или ",
    "half_coordinates": "{label}: столбец {given} есть, а {missing} нет",
    "no_place_columns": "{label}: нет столбцов 'latitude' и 'longitude' или 'location': "
    "каждой строке нужны координаты или город",
    "ignored_columns": (
        "не взят {n} столбец, который карта не использует: {names}",
        "не взяты {n} столбца, которые карта не использует: {names}",
        "не взяты {n} столбцов, которые карта не использует: {names}",
    ),
    "and_more_names": "{names} и ещё {n}",
    "unnamed": "(без названия)",
    "too_large": "{label}: файл больше лимита загрузки {mb} МБ: "
    "разделите его или удалите столбцы, которые карта не использует, и попробуйте снова",
    "bad_bom": "{label}: файл начинается с метки порядка байтов {encoding}, но это не текст {encoding}: "
    "сохраните его как CSV UTF-8",
    "not_text_file": "{label}: файл не является текстом UTF-8, UTF-16, UTF-32 или cp1251: сохраните его как CSV UTF-8",
    "nul_bytes": "{label}: в файле есть байты NUL, значит это не текст "
    "(таблица или UTF-16 без метки порядка байтов?): сохраните его как CSV UTF-8",
    "empty_file": "{label}: файл пуст",
    "too_many_rows": "{label}: в файле {count}, больше {limit:,}, допустимых для загрузки: "
    "разделите его по датам или регионам и загрузите одну часть",
    "too_many_columns": "{label}: в файле столбцов: {count:,}, больше {limit}, допустимых для загрузки: "
    "удалите столбцы, которые карта не использует",
    "unknown_type": "{label}: файлы {suffix} не читаются: загрузите {formats}",
    "no_suffix": "без расширения",
    "header_only": "{label}: в файле есть заголовок, но нет строк с данными",
    "no_features": "{label}: в файле нет объектов",
    "nothing_left": "{label}: не осталось строк для карты ({why})",
    "blank_first_line": "{label}: первая строка пуста: сначала должен идти заголовок (названия столбцов)",
    "read_as_bom": "прочитан как {encoding}",
    "with_bom": "UTF-8 (с меткой порядка байтов)",
    "read_as_utf8": "прочитан как UTF-8",
    "read_as_cp1251": "прочитан как cp1251 (Windows, кириллица): файл не является правильным UTF-8",
    "separated_by_semicolons": "столбцы разделены точками с запятой",
    "separated_by_tabs": "столбцы разделены табуляцией",
    "read_as_own_export": "прочитан как экспорт этой карты",
    "read_as": "прочитан как {convention}",
    "acled_export": "экспорт ACLED",
    "tracker_export": "экспорт Labor Action Tracker",
    "read_sheet": "прочитан лист {name}",
    "read_sheet_of": "прочитан лист {name} (листов в книге: {count})",
    "placed_in_town": (
        "{n} строка помещена в центр города по офлайн-газетиру",
        "{n} строки помещены в центр города по офлайн-газетиру",
        "{n} строк помещены в центр города по офлайн-газетиру",
    ),
    "placed_in_towns": (
        "{n} строка помещена в центры городов ({towns}) по офлайн-газетиру",
        "{n} строки помещены в центры городов ({towns}) по офлайн-газетиру",
        "{n} строк помещены в центры городов ({towns}) по офлайн-газетиру",
    ),
    "no_geo_precision": "нет столбца geo_precision: данные координаты считаются местами самих предприятий",
    "no_wave": (
        "{n} строка без волны: волна названа по месяцу и году даты",
        "{n} строки без волны: волны названы по месяцу и году даты",
        "{n} строк без волны: волны названы по месяцу и году даты",
    ),
    "no_action_type": (
        "{n} строка без типа акции: считается {type}",
        "{n} строки без типа акции: считаются {type}",
        "{n} строк без типа акции: считаются {type}",
    ),
    "no_sector": (
        "{n} строка без отрасли: она выведена из названия предприятия и заметок ({unspecified})",
        "{n} строки без отрасли: она выведена из названия предприятия и заметок ({unspecified})",
        "{n} строк без отрасли: она выведена из названия предприятия и заметок ({unspecified})",
    ),
    "left_unspecified": ("{n} строка без отрасли", "{n} строки без отрасли", "{n} строк без отрасли"),
    "count_row": ("{n:,} строка", "{n:,} строки", "{n:,} строк"),
    "count_feature": ("{n:,} объект", "{n:,} объекта", "{n:,} объектов"),
    "count_record": ("{n:,} запись", "{n:,} записи", "{n:,} записей"),
    "count_site": ("{n:,} место", "{n:,} места", "{n:,} мест"),
    "waves": ("{n} волна", "{n} волны", "{n} волн"),
    "dates": "даты с {start} по {end}",
    "located": (
        "{n} строка на карте ({site} на предприятии, {town} в центре города)",
        "{n} строки на карте ({site} на предприятии, {town} в центре города)",
        "{n} строк на карте ({site} на предприятии, {town} в центре города)",
    ),
    "note": "заметка: {note}",
}

CATALOGUES: dict[str, dict[str, Entry]] = {"en": EN, "be": BE, "ru": RU}
# U+00A0 between a number's groups in Belarusian and Russian: '2 500 000' never breaks across lines
GROUP_SEPARATOR = {"en": ",", "be": "\u00a0", "ru": "\u00a0"}


@dataclass(frozen=True)
class Say:
    """A note or a problem as the intake found it: the catalogue key and its values, worded when shown."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: Lang) -> str:
        """The note or problem in ``lang``; its values are data, never part of the template."""
        code, values = language(lang), dict(self.values)
        return _Formatter(code).format(_form(code, self.key, values), **values)

    def __str__(self) -> str:
        return self.text(DEFAULT)


def say(key: str, /, **values: Any) -> Say:
    """What the intake found, to be worded in the reader's language: say("not_a_number", value="'x'")."""
    if key not in EN:
        raise KeyError(key)
    return Say(key, tuple(values.items()))


@dataclass(frozen=True)
class Word:
    """A value of the data's vocabularies (an action type, a sector) in a Say, worded as the page words it."""

    value: str


@dataclass(frozen=True)
class Joined:
    """Values in a Say, one after another: names by ", ", alternatives by say("or")."""

    items: tuple[Say | str, ...]
    separator: Say | str


def worded(text: object, lang: Lang) -> str:
    """A Say in ``lang``; anything else (a file's own words) as its text."""
    return text.text(lang) if isinstance(text, Say) else str(text)


def problems_text(problems: Sequence[object], lang: Lang) -> str:
    """An upload's problems, one a line, the first few only, in ``lang``."""
    shown = [worded(problem, lang) for problem in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return "\n".join(shown + ([say("more_problems", n=more).text(lang)] if more > 0 else []))


def plural(lang: str, n: int) -> int:
    """The index of ``n``'s plural form: English one/other; Belarusian and Russian one/few/many (CLDR)."""
    if lang == "en":
        return 0 if n == 1 else 1
    if n % 10 == 1 and n % 100 != 11:
        return 0
    return 1 if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else 2


def _form(lang: str, key: str, values: dict[str, Any]) -> str:
    entry = CATALOGUES[lang][key]
    return entry if isinstance(entry, str) else entry[plural(lang, int(values["n"]))]


class _Formatter(string.Formatter):
    """Formats a Say's values in its language: a Say worded, a grouped count with the language's separator."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Say):
            return value.text(Lang(self.lang))
        if isinstance(value, Word):
            return word(Lang(self.lang), value.value)
        if isinstance(value, Joined):
            lang = Lang(self.lang)
            return worded(value.separator, lang).join(worded(item, lang) for item in value.items)
        if format_spec == "," and isinstance(value, int):
            return f"{value:,}".replace(",", GROUP_SEPARATOR[self.lang])
        return str(super().format_field(value, format_spec))
