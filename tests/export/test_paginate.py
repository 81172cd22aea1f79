"""Page breaking is pure: headings stay with what follows, tables break between rows, notes go to their page."""

from __future__ import annotations

from briefing_app.export.paginate import FootnoteMetrics, Unit, paginate, printed_on

PAGE = 100.0


def placed(pages):
    return [[(s.unit, s.y0, s.y1) for s in p.slices] for p in pages]


def test_a_heading_moves_to_the_next_page_with_what_follows():
    units = [Unit(80), Unit(6, top=2, keep_with_next=True), Unit(30)]
    pages = paginate(units, PAGE)
    assert placed(pages) == [[(0, 0, 80)], [(1, 2, 6), (2, 0, 30)]]  # the heading's top space dropped at the top


def test_a_chain_of_headings_moves_together():
    units = [Unit(70), Unit(6, keep_with_next=True), Unit(5, keep_with_next=True), Unit(30)]
    assert [len(p.slices) for p in paginate(units, PAGE)] == [1, 3]


def test_a_heading_stays_when_the_first_piece_of_what_follows_fits():
    table = Unit(60, breaks=(10, 20, 30, 40, 50), header=5, rule_at_cut=True)
    pages = paginate([Unit(70), Unit(6, keep_with_next=True), table], PAGE)
    first = placed(pages)[0]
    assert first[1] == (1, 0, 6) and first[2] == (2, 0, 20)  # heading, header + first rows
    # the rest of the table on the next page, under its repeated header row
    assert placed(pages)[1] == [(2, 0, 5), (2, 20, 60)]
    assert pages[0].slices[-1].cut and pages[1].slices[0].cut and not pages[1].slices[-1].cut


def test_an_unbreakable_block_moves_whole_and_a_too_tall_one_is_cut():
    pages = paginate([Unit(50), Unit(60), Unit(250)], PAGE)
    assert placed(pages) == [[(0, 0, 50)], [(1, 0, 60)], [(2, 0, 100)], [(2, 100, 200)], [(2, 200, 250)]]


def test_text_breaks_only_where_allowed():
    pages = paginate([Unit(40), Unit(90, breaks=(20, 45, 70))], PAGE)
    assert placed(pages) == [[(0, 0, 40), (1, 0, 45)], [(1, 45, 90)]]


def test_notes_are_printed_at_the_foot_of_the_page_citing_them_and_take_room():
    feet = FootnoteMetrics({1: 10, 2: 10, 3: 10}, separator=2, also_line=3, also_per_line=10)
    units = [Unit(40, notes=((5, 1),)), Unit(40, notes=((1, 2),)), Unit(30, notes=((3, 1), (4, 3)))]
    pages = paginate(units, PAGE, feet)
    # page 1: 40 + 40 body + 22 of notes > 100, so the second block and its note move on
    assert placed(pages) == [[(0, 0, 40)], [(1, 0, 40), (2, 0, 30)]]
    assert pages[0].notes == [1] and pages[1].notes == [2, 3]
    assert pages[1].also == [1]  # cited again, printed on page 1
    assert printed_on(pages) == {1: 0, 2: 1, 3: 1}
    for p in pages:
        assert p.used + feet.area(p.notes, p.also) <= PAGE


def test_notes_that_cannot_fit_wait_for_the_next_page():
    feet = FootnoteMetrics({n: 30 for n in range(1, 5)}, separator=2)
    pages = paginate([Unit(50, notes=tuple((1, n) for n in range(1, 5)))], PAGE, feet)
    assert pages[0].notes == [1] and pages[1].notes == [2, 3, 4]
    assert sorted(n for p in pages for n in p.notes) == [1, 2, 3, 4]


def test_same_input_same_pages():
    units = [Unit(7 + i % 13, breaks=(3,) if i % 4 else (), keep_with_next=i % 5 == 0, notes=((1, i),))
             for i in range(60)]
    feet = FootnoteMetrics({i: 4 + i % 3 for i in range(60)}, separator=1, also_line=2)
    assert placed(paginate(units, PAGE, feet)) == placed(paginate(units, PAGE, feet))


def test_a_later_piece_of_a_table_shows_its_header_only_at_the_top_of_a_page():
    from briefing_app.export.paginate import Unit, paginate

    first = Unit(height=50, top=0, breaks=(20, 30, 40), header=10, rule_at_cut=True)
    more = Unit(height=50, top=0, breaks=(20, 30, 40), header=10, rule_at_cut=True, continues=True)
    pages = paginate([first, more, more], page_h=100)
    # Same page: the second piece starts below its header row, joined to the first.
    assert [(s.unit, s.y0, s.y1) for s in pages[0].slices][:2] == [(0, 0, 50), (1, 10, 50)]
    # The third piece begins below the second (no header) and goes on over the page, where
    # its header row is repeated above the rest.
    assert (pages[0].slices[2].unit, pages[0].slices[2].y0) == (2, 10)
    assert [(s.unit, s.y0, s.y1) for s in pages[1].slices] == [(2, 0, 10), (2, 20, 50)]
