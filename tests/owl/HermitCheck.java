import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.HermiT.datatypes.UnsupportedDatatypeException;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * A strict HermiT load of one RDF file: HermiT's default configuration, so a datatype outside the OWL 2 datatype
 * map stops it instead of being ignored. Prints "unsupported-datatype MESSAGE", or "consistent false", or
 * "consistent true" and one "unsatisfiable IRI" line per class that can have no member. Test code for
 * tests/test_owl_dl.py; compiled against the HermiT jar that owlready2 ships (HermiT 1.3.8, OWL API 3).
 */
public class HermitCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        Configuration strict = new Configuration();
        strict.ignoreUnsupportedDatatypes = false;
        Reasoner reasoner;
        try {
            reasoner = new Reasoner(strict, ontology);
        } catch (UnsupportedDatatypeException e) {
            System.out.println("unsupported-datatype " + e.getMessage().replaceAll("\\s+", " "));
            return;
        }
        boolean consistent = reasoner.isConsistent();
        System.out.println("consistent " + consistent);
        if (!consistent) return;
        List<String> unsatisfiable = new ArrayList<>();
        for (OWLClass c : reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom())
            unsatisfiable.add("unsatisfiable " + c.getIRI());
        unsatisfiable.sort(null);
        for (String line : unsatisfiable) System.out.println(line);
    }
}
