"""Find the names (persons, organisations, places) in a Chinese article and propose English.

Pipeline: convert to simplified (same length, so spans map back to the text as written), start
the trained tagger (tagger.py: Baidu LAC on onnxruntime) on a worker thread, tokenize with a
private jieba POS tokenizer meanwhile (article.py), run the rules in ``RULES`` in order, each
returning candidate spans with an evidence rank (rules/), resolve overlaps (longest strong span
wins; nested names are kept when they also occur alone) and keep one entry per source string in
order of first occurrence (resolve.py).

- The tagger's PER/ORG/LOC spans are one more source (rules/tagged.py): cut back to jieba's word
  boundaries, checked against CC-CEDICT and the tables, and ranked below strong rule evidence.
  It finds what the rules have no cue for: bare brands (宁德时代), banks and brokers in short form
  (招商证券, 高盛), sports bodies (中国足协), institutes and departments (中科院上海分院), media
  brands (新浪财经), foreign persons without a title or a dot (野口悠纪雄), names glued to a verb.

- English in brackets after a name wins: 蔡崇信(Joe Tsai) / 蔡崇信（Joe Tsai） -> "Joe Tsai".
- Persons: a title or role noun before the name (外交部长王毅, 秘书长訚柏, 村民王德福), a title
  after it (陈海大使), a speech verb after it (王毅表示), bylines (记者 孟亚旭, 编辑/赵红信),
  jieba's person tag checked against the surname table and CC-CEDICT's ordinary words
  (高薪, 高达 are not names), and names with a middle dot (唐纳德·特朗普). Chinese names are
  romanized by romanize.person. When the title belongs to a foreign country or body
  (泰国副总理兼外长敦, 缅甸外长丹穗, 联合国秘书长…), or the name is made of transliteration
  characters, it is a foreign name: status "review", target from CC-CEDICT or
  data/foreign_names.tsv when listed, otherwise empty with the would-be pinyin in the note.
  Hong Kong/Macao/Taiwan names (and every pinyin name in a traditional-script article from
  there) are flagged for review too: they are rarely spelled in Hanyu Pinyin.
- Places: data/countries.tsv, CC-CEDICT place names (also 3+ characters jieba cut apart,
  内比都), abbreviation + direction (缅北 -> northern Myanmar), place + facility compounds
  (成都双流国际机场), and jieba's place tag when the word is not ordinary (pinyin, "review").
- Organisations: CC-CEDICT and data/orgs.tsv, anchor + parts + head compounds (泰国国家警察总署,
  老挝公安部, 中国驻缅甸大使馆: English composed right to left from data/org_parts.tsv,
  CC-CEDICT names and glosses, status "review"), jieba's organisation tag when the word ends
  like an organisation, and news furniture (据X报道, 《X日报》, 资料|X Y Z, 著作权归X所有,
  mastheads "X 2024-07-12", 【X记者…】).
- Not reported: abbreviations (中泰, 中缅泰, 缅方), one-character forms, anonymised names (孙某).
"""

from __future__ import annotations

from collections.abc import Callable

from translate.glossary.entry import Entry
from translate.names.article import Article, simplify
from translate.names.candidates import Candidate
from translate.names.regions import mark_region
from translate.names.resolve import resolve
from translate.names.rules.brackets import find_brackets
from translate.names.rules.foreign import find_dotted, find_short_forms
from translate.names.rules.known import find_known, find_long_known
from translate.names.rules.media import find_media
from translate.names.rules.orgs import (
    find_company_short_forms,
    find_groups,
    find_international_organs,
    find_joined_bodies,
    find_org_compounds,
    find_tagged_orgs,
)
from translate.names.rules.persons import (
    find_bylines,
    find_lists,
    find_speech,
    find_tagged_persons,
    spread_persons,
)
from translate.names.rules.places import find_place_compounds, find_tagged_places, find_villages
from translate.names.rules.tagged import find_tagger_names
from translate.names.rules.titles import find_role_nouns, find_titles
from translate.names.tagger import NoTagger, Tagger, default_tagger, tag_in_background
from translate.progress import StepProgress

Rule = Callable[[Article], list[Candidate]]

# The rules in the order they run. Each sees the candidates of the rules before it in
# ``article.cands``; most do not look, but these do, so they must come after what they read:
# - find_short_forms reads the dotted names of find_dotted;
# - find_tagged_places skips places inside foreign names, so it comes after every rule that
#   finds persons (find_titles ... find_known, which finds CC-CEDICT persons too, and
#   find_tagger_names, which finds foreign persons the trained tagger sees);
# - find_company_short_forms shortens the companies found by the organisation rules before it;
# - find_brackets gives its English to a name found before it, so it runs after all finders;
# - spread_persons copies every well-evidenced person to its other mentions, so it runs last.
# Where candidates tie in resolve(), the earlier one wins, so the order of the others matters
# only for such ties.
RULES: tuple[Rule, ...] = (
    find_titles,
    find_role_nouns,
    find_bylines,
    find_dotted,
    find_short_forms,
    find_speech,
    find_tagged_persons,
    find_lists,
    find_known,
    find_long_known,
    find_tagger_names,
    find_tagged_places,
    find_tagged_orgs,
    find_org_compounds,
    find_joined_bodies,
    find_place_compounds,
    find_villages,
    find_groups,
    find_international_organs,
    find_company_short_forms,
    find_media,
    find_brackets,
    spread_persons,
)


def extract_names(
    text: str,
    *,
    curated: bool = True,
    tagger: Tagger | None = None,
    progress: StepProgress | None = None,
) -> list[Entry]:
    """Find persons, organisations and places in a Chinese article and propose English for each.

    Time and memory grow linearly with the article: rules look around a position through the
    token index (Article.pieces_from/pieces_before), names are looked up all at once in one pass
    over the text (scan.py), and overlaps are resolved per character (resolve.py).

    Args:
        text: the article (simplified or traditional script).
        curated: also use the small curated list of well-known organisations (data/orgs.tsv);
            False measures what the rules alone find.
        tagger: the trained tagger whose spans are one more source of candidates (default: the
            process-wide LAC tagger, loaded on first use); ``NoTagger()`` for the rules alone.
        progress: called now and then while a long article is worked on, as
            ("names: words", characters tokenized, characters in all), then ("names: rules",
            rules done, rules in all); see translate.progress. The library prints nothing.

    Returns:
        Deduplicated entries in order of first occurrence: type person/org/place, status
        "suggested" or "review", target the proposed English ("" when only a person can tell),
        note saying why, origin "extract".
    """
    if not text.strip():
        return []
    simple = simplify(text)
    # The tagger runs on a worker thread while jieba tokenizes (onnxruntime releases the GIL).
    tagger = tagger if tagger is not None else default_tagger()
    tagged = None if isinstance(tagger, NoTagger) else tag_in_background(tagger, simple).result
    article = Article(text, curated=curated, tagged=tagged, simple=simple, progress=progress)
    for done, rule in enumerate(RULES):
        if progress is not None:
            progress("names: rules", done, len(RULES))
        article.cands.extend(rule(article))
    entries = mark_region(resolve(article.cands, article.original), article.text, text)
    if progress is not None:
        progress("names: rules", len(RULES), len(RULES))
    return entries
