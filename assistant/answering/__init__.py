"""Answer backends behind one Protocol, and the citation layer that verifies what they say."""
