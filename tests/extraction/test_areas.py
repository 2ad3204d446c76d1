"""areas: each place's reference with its area."""

from shapely.geometry import Point


def test_points_rings_and_unresolved(run):
    doc = run("areas", "قصفت الطائرات حلب وريف حماة وبلدة كفرنبودة.")
    refs = {u.text: u.ref for u in doc.sents[0].places}
    assert isinstance(refs["حلب"].geometry, Point) and refs["حلب"].geo_precision == 1
    assert refs["حماة"].geometry.geom_type == "Polygon" and refs["حماة"].geo_precision == 2
    assert refs["حماة"].geometry.interiors  # a ring: the countryside without the town
    assert refs["كفرنبودة"].place is None and refs["كفرنبودة"].unresolved
