-- The agenda and the verslag (PDF) read the actions of every agendapunt, and removing an
-- agendapunt counts them. Without an index each agendapunt scanned every action of every
-- casus: at 5,000 demo cases (20,000 actions) a 20-point agenda took 37 ms instead of
-- about 5 ms (issue 23, `schakel bench`). Only actions that came from an agendapunt are in
-- the index, in their order on the plan.
CREATE INDEX actie_agendapunt ON actie(agendapunt_id, volgorde) WHERE agendapunt_id IS NOT NULL;
