"""Every string the quiz engine shows, in English and Russian, keyed by message name."""

from __future__ import annotations

# Noun forms for i18n.plural by CLDR plural category (grader.i18n.plural).
PLURALS: dict[str, dict[str, dict[str, str]]] = {
    "answer": {
        "en": {"one": "answer", "other": "answers"},
        "ru": {"one": "ответ", "few": "ответа", "many": "ответов", "other": "ответа"},
    },
    "bank": {
        "en": {"one": "bank", "other": "banks"},
        "ru": {"one": "банк", "few": "банка", "many": "банков", "other": "банка"},
    },
    "file": {
        "en": {"one": "file", "other": "files"},
        "ru": {"one": "файл", "few": "файла", "many": "файлов", "other": "файла"},
    },
    "problem": {
        "en": {"one": "problem", "other": "problems"},
        "ru": {"one": "проблема", "few": "проблемы", "many": "проблем", "other": "проблемы"},
    },
    "question": {
        "en": {"one": "question", "other": "questions"},
        "ru": {"one": "вопрос", "few": "вопроса", "many": "вопросов", "other": "вопроса"},
    },
    "one_choice_question": {
        "en": {"one": "one-choice question", "other": "one-choice questions"},
        "ru": {
            "one": "вопрос с одним ответом",
            "few": "вопроса с одним ответом",
            "many": "вопросов с одним ответом",
            "other": "вопроса с одним ответом",
        },
    },
    "session": {
        "en": {"one": "session", "other": "sessions"},
        "ru": {"one": "сессия", "few": "сессии", "many": "сессий", "other": "сессии"},
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading files --------------------------------------------------------------------
    "invalid_yaml": {"en": "invalid YAML: {detail}", "ru": "некорректный YAML: {detail}"},
    "unreadable_file": {
        "en": "cannot read file: {detail}",
        "ru": "не удаётся прочитать файл: {detail}",
    },
    "duplicate_key": {"en": "duplicate key '{key}'", "ru": "ключ '{key}' повторяется"},
    "unknown_key": {"en": "unknown key '{key}'", "ru": "неизвестный ключ '{key}'"},
    "missing_key": {"en": "missing key '{key}'", "ru": "нет ключа '{key}'"},
    # --- bank schema ------------------------------------------------------------------------
    "bank_not_mapping": {
        "en": "a bank file must be a mapping with 'bank', 'title' and 'questions'",
        "ru": "файл банка должен быть словарём с ключами 'bank', 'title' и 'questions'",
    },
    "bank_name_mismatch": {
        "en": "bank name '{name}' does not match the file name '{stem}'",
        "ru": "имя банка '{name}' не совпадает с именем файла '{stem}'",
    },
    "questions_empty": {
        "en": "'questions' must be a non-empty list",
        "ru": "'questions' должен быть непустым списком",
    },
    "question_not_mapping": {
        "en": "a question must be a mapping of keys",
        "ru": "вопрос должен быть словарём",
    },
    "not_localized": {
        "en": "'{field}' must be a mapping with 'en' and 'ru' texts",
        "ru": "'{field}' должен быть словарём с текстами 'en' и 'ru'",
    },
    "missing_language": {
        "en": "'{field}' has no '{lang}' text",
        "ru": "в '{field}' нет текста '{lang}'",
    },
    "text_not_string": {
        "en": "'{field}' '{lang}' text must be a string (put it in quotes)",
        "ru": "текст '{lang}' в '{field}' должен быть строкой (возьмите его в кавычки)",
    },
    "empty_text": {
        "en": "'{field}' '{lang}' text is empty",
        "ru": "текст '{lang}' в '{field}' пуст",
    },
    "unknown_language": {
        "en": "unknown language '{lang}' in '{field}' (use en and ru)",
        "ru": "неизвестный язык '{lang}' в '{field}' (нужны en и ru)",
    },
    "key_not_for_type": {
        "en": "key '{key}' is not used by {type} questions",
        "ru": "ключ '{key}' не используется в вопросах типа {type}",
    },
    "unknown_type": {
        "en": "unknown question type '{type}' (expected one of: {types})",
        "ru": "неизвестный тип вопроса '{type}' (допустимы: {types})",
    },
    "bad_difficulty": {
        "en": "difficulty must be easy, medium or hard, not '{value}'",
        "ru": "сложность должна быть easy, medium или hard, а не '{value}'",
    },
    "bad_id": {
        "en": "invalid question id '{id}': use lowercase latin letters, digits and dashes",
        "ru": "недопустимый id вопроса '{id}': только строчные латинские буквы, цифры и дефисы",
    },
    "duplicate_id": {
        "en": "duplicate question id '{id}' (first defined at {other})",
        "ru": "id вопроса '{id}' повторяется (впервые задан в {other})",
    },
    "tags_empty": {
        "en": "'tags' must be a non-empty list",
        "ru": "'tags' должен быть непустым списком",
    },
    "bad_tag": {
        "en": "a tag must be a non-empty string, not {value!r}",
        "ru": "тег должен быть непустой строкой, а не {value!r}",
    },
    "options_count": {
        "en": "'options' must be a list of 2 to 6 options (found {found})",
        "ru": "'options' должен быть списком из 2–6 вариантов (найдено: {found})",
    },
    "duplicate_option": {
        "en": "duplicate option '{text}'",
        "ru": "вариант '{text}' повторяется",
    },
    "answer_not_index": {
        "en": "answer must be an option index (counting from 0)",
        "ru": "answer должен быть номером варианта (считая с 0)",
    },
    "answer_out_of_range": {
        "en": "answer {index} is out of range: {count} options, indexes 0 to {max}",
        "ru": "answer {index} вне диапазона: вариантов {count}, номера от 0 до {max}",
    },
    "answer_not_index_list": {
        "en": "answer must be a non-empty list of option indexes",
        "ru": "answer должен быть непустым списком номеров вариантов",
    },
    "duplicate_answer_index": {
        "en": "index {index} appears twice in answer",
        "ru": "номер {index} дважды встречается в answer",
    },
    "answer_not_bool": {
        "en": "answer must be true or false",
        "ru": "answer должен быть true или false",
    },
    "answer_not_number": {
        "en": "answer must be a number, not {value!r}",
        "ru": "answer должен быть числом, а не {value!r}",
    },
    "answer_number_string": {
        "en": "answer must be a number, not the text {value!r} (YAML reads 1e-3 as text: "
        "write 1.0e-3)",
        "ru": "answer должен быть числом, а не текстом {value!r} (YAML читает 1e-3 как текст: "
        "пишите 1.0e-3)",
    },
    "bad_tolerance": {
        "en": "tolerance must be a number >= 0, not {value!r}",
        "ru": "tolerance должен быть числом >= 0, а не {value!r}",
    },
    "accepted_not_localized": {
        "en": "'accepted' must map 'en' and 'ru' to lists of answers",
        "ru": "'accepted' должен задавать списки ответов для 'en' и 'ru'",
    },
    "accepted_empty": {
        "en": "'accepted' needs a non-empty list of '{lang}' answers",
        "ru": "в 'accepted' нужен непустой список ответов '{lang}'",
    },
    "accepted_not_string": {
        "en": "accepted '{lang}' answer {value!r} must be a non-empty string (put it in quotes)",
        "ru": "допустимый ответ '{lang}' {value!r} должен быть непустой строкой (в кавычках)",
    },
    "pairs_count": {
        "en": "'pairs' must be a list of 2 to 6 pairs (found {found})",
        "ru": "'pairs' должен быть списком из 2–6 пар (найдено: {found})",
    },
    "pair_not_mapping": {
        "en": "a pair must be a mapping with 'left' and 'right'",
        "ru": "пара должна быть словарём с 'left' и 'right'",
    },
    "duplicate_pair_side": {
        "en": "duplicate {side} side '{text}' in pairs",
        "ru": "сторона {side} '{text}' повторяется в pairs",
    },
    # --- validator warnings ------------------------------------------------------------------
    "warning": {"en": "warning: {text}", "ru": "предупреждение: {text}"},
    "warn_key_longest": {
        "en": "the key is the longest option in {count} of {total} one-choice questions ({lang}); "
        "keep it at most {limit:.0%} so that picking the longest option does not pay",
        "ru": "ключ — самый длинный вариант в {count} из {total} вопросов с одним ответом "
        "({lang}); "
        "допустимо не больше {limit:.0%}, чтобы выбор самого длинного варианта не окупался",
    },
    "warn_key_shortest": {
        "en": "the key is the shortest option in {count} of {total} one-choice questions ({lang}); "
        "keep it at most {limit:.0%} so that picking the shortest option does not pay",
        "ru": "ключ — самый короткий вариант в {count} из {total} вопросов с одним ответом "
        "({lang}); "
        "допустимо не больше {limit:.0%}, чтобы выбор самого короткого варианта не окупался",
    },
    "warn_ambiguous_answer": {
        "en": "accepted answer '{answer}' is also the answer to {other}: one of them is ambiguous",
        "ru": "допустимый ответ '{answer}' — также ответ на {other}: один из вопросов неоднозначен",
    },
    "warn_answer_in_text": {
        "en": "the question text ({lang}) contains its own accepted answer '{answer}'",
        "ru": "текст вопроса ({lang}) содержит его же допустимый ответ '{answer}'",
    },
    "warn_verdict_opening": {
        "en": "the {lang} explanation opens with '{word}', which reads as a verdict on the "
        "student's answer; say 'The statement is true/false' instead",
        "ru": "объяснение ({lang}) начинается со слова '{word}', которое читается как оценка "
        "ответа студента; пишите «Утверждение истинно/ложно»",
    },
    "key_rates": {
        "en": "{bank}: the key is the longest option in {longest}, the shortest in {shortest} "
        "({langs}) of {count}",
        "ru": "{bank}: ключ — самый длинный вариант в {longest}, самый короткий в {shortest} "
        "({langs}); всего {count}",
    },
    # --- finding banks ----------------------------------------------------------------------
    "no_banks": {
        "en": "no question banks (*.yaml) in {folder}",
        "ru": "в {folder} нет банков вопросов (*.yaml)",
    },
    "no_such_file": {"en": "no such file: {path}", "ru": "нет такого файла: {path}"},
    "unknown_bank": {
        "en": "unknown bank '{name}' (available: {available})",
        "ru": "неизвестный банк '{name}' (есть: {available})",
    },
    "bank_problems": {
        "en": "The question banks have problems; see above or run `grade quiz validate`.",
        "ru": "В банках вопросов есть ошибки: см. выше или `grade quiz validate`.",
    },
    "validate_ok": {
        "en": "OK: {banks}, {questions}, no problems",
        "ru": "OK: {banks}, {questions}, проблем нет",
    },
    "validate_failed": {
        "en": "{problems} (files with problems: {files} of {total})",
        "ru": "{problems} (файлов с ошибками: {files} из {total})",
    },
    # --- typed answers ----------------------------------------------------------------------
    "empty_answer": {
        "en": "Please type an answer (Ctrl-D or Ctrl-C ends the quiz).",
        "ru": "Введите ответ (Ctrl-D или Ctrl-C завершает тест).",
    },
    "no_such_option": {
        "en": "There is no option '{label}': use 1-{count} or a-{last}.",
        "ru": "Варианта '{label}' нет: используйте 1-{count} или a-{last}.",
    },
    "bad_choice": {
        "en": "Cannot read '{text}': give option numbers or letters, e.g. 2, b or 1,3.",
        "ru": "Не понятно '{text}': укажите номера или буквы вариантов, например 2, b или 1,3.",
    },
    "choose_one": {
        "en": "Choose exactly one option.",
        "ru": "Выберите ровно один вариант.",
    },
    "bad_bool": {
        "en": "Answer true or false (t/f, yes/no, 1/0).",
        "ru": "Ответьте «истинно» или «ложно» (и/л, да/нет, 1/0).",
    },
    "bad_number": {
        "en": "'{text}' is not a number.",
        "ru": "'{text}' — не число.",
    },
    "no_such_item": {
        "en": "There is no item {item}: the items are 1-{count}.",
        "ru": "Пункта {item} нет: пункты от 1 до {count}.",
    },
    "item_twice": {
        "en": "Item {item} is given twice.",
        "ru": "Пункт {item} указан дважды.",
    },
    "items_missing": {
        "en": "No letter for item(s) {items}; e.g. {example}.",
        "ru": "Нет буквы для пунктов: {items}; например: {example}.",
    },
    "letters_count": {
        "en": "Give one letter for each of the {count} items, e.g. {example}.",
        "ru": "Укажите по одной букве для каждого из пунктов ({count}), например: {example}.",
    },
    "bad_matching": {
        "en": "Give a letter for each of the {count} items, e.g. {example}.",
        "ru": "Укажите букву для каждого пункта ({count}), например: {example}.",
    },
    # --- answers files ----------------------------------------------------------------------
    "expected_option": {
        "en": "expected an option index (0 to {max}) or an option's text, not {value!r}",
        "ru": "ожидается номер варианта (от 0 до {max}) или его текст, а не {value!r}",
    },
    "expected_option_list": {
        "en": "expected a list of option indexes (0 to {max})",
        "ru": "ожидается список номеров вариантов (от 0 до {max})",
    },
    "expected_matching": {
        "en": "expected a list of {count} indexes of right-hand items (0 to {max})",
        "ru": "ожидается список из {count} номеров правых элементов (от 0 до {max})",
    },
    "expected_text": {"en": "expected a text answer", "ru": "ожидается текстовый ответ"},
    "unknown_question": {
        "en": "unknown question id '{id}'",
        "ru": "неизвестный id вопроса '{id}'",
    },
    "bad_answer_for": {
        "en": "question '{id}': {reason}",
        "ru": "вопрос '{id}': {reason}",
    },
    "answers_not_mapping": {
        "en": "an answers file must map question ids to answers",
        "ru": "файл ответов должен сопоставлять id вопросов и ответы",
    },
    "student_not_string": {
        "en": "'student' must be a name",
        "ru": "'student' должен быть именем",
    },
    "duplicate_answer": {
        "en": "question '{id}' is answered twice",
        "ru": "на вопрос '{id}' дано два ответа",
    },
    "answers_option_conflict": {
        "en": "--answers cannot be combined with {option}",
        "ru": "--answers нельзя сочетать с {option}",
    },
    "json_needs_answers": {
        "en": "--json only works with --answers",
        "ru": "--json работает только вместе с --answers",
    },
    "student": {"en": "Student: {name}", "ru": "Студент: {name}"},
    "no_answer": {"en": "(no answer)", "ru": "(нет ответа)"},
    # --- the quiz ---------------------------------------------------------------------------
    "seed_line": {
        "en": "Seed {seed} — run again with --seed {seed}",
        "ru": "Seed {seed} — повторить этот тест: --seed {seed}",
    },
    "quiz_title": {"en": "Quiz: {titles} — {count}", "ru": "Тест: {titles} — {count}"},
    "no_questions": {
        "en": "No questions with tag(s) {tags}. Tags in these banks: {available}",
        "ru": "Нет вопросов с тегами {tags}. Теги в этих банках: {available}",
    },
    "question_header": {"en": "Question {number}/{total}", "ru": "Вопрос {number}/{total}"},
    "difficulty_easy": {"en": "easy", "ru": "лёгкий"},
    "difficulty_medium": {"en": "medium", "ru": "средний"},
    "difficulty_hard": {"en": "hard", "ru": "сложный"},
    "prompt_single": {
        "en": "Your answer (number or letter, e.g. 2 or b): ",
        "ru": "Ваш ответ (номер или латинская буква, например 2 или b): ",
    },
    "prompt_multiple": {
        "en": "Your answer, all that apply (e.g. 1,3 or a c): ",
        "ru": "Ваш ответ, все подходящие (номера или латинские буквы, например 1,3 или a c): ",
    },
    "prompt_truefalse": {
        "en": "True or false? (t/f): ",
        "ru": "Утверждение истинно или ложно? (и/л): ",
    },
    "prompt_numeric": {
        "en": "Your answer (a number): ",
        "ru": "Ваш ответ (число): ",
    },
    "prompt_text": {"en": "Your answer: ", "ru": "Ваш ответ: "},
    "prompt_matching": {
        "en": "Your answer, a letter for each item (e.g. {example}): ",
        "ru": "Ваш ответ, латинская буква для каждого пункта (например {example}): ",
    },
    "word_true": {"en": "true", "ru": "истинно"},
    "word_false": {"en": "false", "ru": "ложно"},
    "statement_true": {"en": "the statement is true", "ru": "это утверждение истинно"},
    "statement_false": {"en": "the statement is false", "ru": "это утверждение ложно"},
    "correct": {"en": "Correct", "ru": "Ответ верный"},
    "partly_right": {"en": "Partly right ({points})", "ru": "Ответ частично верный ({points})"},
    "wrong": {"en": "Wrong", "ru": "Ответ неверный"},
    "accepted_answers": {
        "en": "Accepted answers: {answers}",
        "ru": "Принимаются ответы: {answers}",
    },
    "correct_answer": {"en": "Correct answer: {answer}", "ru": "Правильный ответ: {answer}"},
    "stopped": {
        "en": "Quiz stopped: {answered} of {total} questions answered.",
        "ru": "Тест прерван: отвечено вопросов — {answered} из {total}.",
    },
    "nothing_answered": {"en": "No questions answered.", "ru": "Нет ни одного ответа."},
    "score": {"en": "Score: {score}", "ru": "Результат: {score}"},
    "revise": {"en": "Topics to revise: {topics}", "ru": "Темы для повторения: {topics}"},
    "revise_none": {
        "en": "Topics to revise: none — well done!",
        "ru": "Темы для повторения: нет — отлично!",
    },
    "db_unavailable": {
        "en": "Warning: progress will not be saved ({detail})",
        "ru": "Внимание: прогресс не будет сохранён ({detail})",
    },
    # --- progress ---------------------------------------------------------------------------
    "no_history": {
        "en": "No quiz history yet ({db}). Take a quiz with `grade quiz`.",
        "ru": "Истории тестов пока нет ({db}). Пройдите тест: `grade quiz`.",
    },
    "progress_title": {
        "en": "Progress by topic, weakest first ({sessions}, {answers})",
        "ru": "Прогресс по темам, сначала самые слабые ({sessions}, {answers})",
    },
    "progress_legend": {
        "en": "Last: score in the latest session; Last 3: mean of the last 3 sessions; "
        "trend: latest vs previous session (· = one session so far).",
        "ru": "Последний: результат последней сессии; за 3: среднее за 3 последние сессии; "
        "динамика: последняя сессия против предыдущей (· — пока одна сессия).",
    },
    "col_topic": {"en": "Topic", "ru": "Тема"},
    "col_answers": {"en": "Answers", "ru": "Ответов"},
    "col_last": {"en": "Last", "ru": "Последний"},
    "col_recent": {"en": "Last 3", "ru": "За 3"},
    "col_trend": {"en": "Trend", "ru": "Динамика"},
    "col_seen": {"en": "Last seen", "ru": "Когда"},
}
