// Phrase tables for French, Spanish, Italian, Portuguese and Romanian (see lexicon.ts).
// "~" in a pattern is a short gap inside one sentence; patterns match folded text.
// Written from general usage of each language, not from any particular letter template.
// Data, not logic: over 400 lines because five languages sit together.

import type { LanguageLexicon } from './lexicon';

const r = String.raw;

export const FR: LanguageLexicon = {
  lang: 'fr',
  phrases: {
    erasure: [
      [
        'supprimer+donnees',
        3,
        r`\b(supprim|effac)\w*\b~\b(donnees|compte|informations|profil|coordonnees)\b`,
        true,
      ],
      [
        'demande+effacement',
        3,
        r`\b(demande|demander|exige|solliciter|sollicite)\b~\b(effacement|suppression)\b`,
        true,
      ],
      ['effacement', 1.5, r`\b(effacement|suppression)\b`],
      ['droit-oubli', 1.5, r`\bdroit (a l'oubli|a l'effacement|a etre oublie)\b`],
      ['oubliez-moi', 3, r`\boubliez-moi\b`, true],
    ],
    access: [
      [
        'demande+acces',
        3,
        r`\b(demande|demander|solliciter|sollicite|exerce|exercer|souhaite|voudrais)\b~\b(acces|copie|communication)\b`,
        true,
      ],
      ['acces', 1.5, r`\bacces\b`],
      ['copie+donnees', 2.5, r`\bcopie\b~\bdonnees\b`],
      ['quelles-donnees', 3, r`\bquelles (sont les )?donnees\b`, true],
    ],
    portability: [
      ['portabilite', 2.5, r`\bportabilite\b`],
      ['lisible-machine', 1.5, r`\blisible par (une |la )?machine\b|\bformat structure\b`],
    ],
    rectification: [
      [
        'donnee-erronee',
        3,
        r`\b(mon|ma|mes)\b (nom|prenom|nom de famille|adresse|adresse e-?mail|date de naissance|numero de telephone)\b~\b(mal (orthographie|ecrit|epele|saisi)\w*|errone\w*|incorrect\w*|inexact\w*|faux|fausse|pas (correct|juste|bon)\w*)|\b(mal (orthographie|ecrit|epele|saisi)\w*)\b~\b(mon|ma) (nom|prenom|adresse)\b`,
        true,
      ],
      [
        'il-faut-ecrire',
        1.5,
        r`\b(il faut (ecrire|lire)|s'ecrit|l'orthographe (correcte|exacte) est|la bonne orthographe)\b`,
      ],
      ['rectification', 2.5, r`\brectifi\w*`],
      ['corriger', 2, r`\b(corrig\w*|correction)\b`],
      [
        'modifier+donnees',
        2.5,
        r`\b(modifier|modifiez|mettre a jour|mettez a jour|changer|changez)\b~\b(nom|adresse|donnees|informations|e-?mail|date de naissance|coordonnees)\b`,
        true,
      ],
      ['inexact', 1, r`\b(inexact|errone|incorrect|incomplet)\w*`],
    ],
    objection: [
      [
        'je-m-oppose',
        3,
        r`\bje m'oppose\b|\bje fais opposition\b|\bexerce\w*\b~\bdroit d'opposition\b`,
        true,
      ],
      ['opposition', 2, r`\b(opposition|oppose|opposer|s'opposer)\b`],
      ['prospection', 1.5, r`\b(prospection|marketing direct|publicite|fins commerciales|demarchage)\b`],
      ['profilage', 0.5, r`\bprofilage\b`],
      ['retrait-consentement', 1, r`\b(retir\w*|retrait)\b~\bconsentement\b`],
    ],
    unsubscribe: [
      ['desabonner', 3, r`\b(desabonn\w*|desinscri\w*|desincri\w*|desabo)`, true],
      [
        'retirer-liste',
        4,
        r`\b(retirez|supprimez|enlevez|effacez|rayez|otez|retirer|supprimer|enlever)[- ]?(moi|mon adresse|mon e-?mail)\b~\b(liste|listes|newsletter|fichier|diffusion)`,
        true,
      ],
      [
        'me-retirer-liste',
        4,
        r`\bme (retirer|supprimer|desinscrire|desabonner|rayer|enlever)\b~\b(liste|listes|newsletter|fichier|diffusion)`,
        true,
      ],
      [
        'ne-plus-recevoir',
        3,
        r`\bne (plus|pas) recevoir\b|\bne m'envoyez plus\b|\bn'envoyez plus\b|\bplus de (mails|e-?mails|courriels|messages|newsletters?)\b|\bne (souhaite|veux) plus recevoir\b|\barretez (juste |simplement |seulement )?(de m'envoyer|les (mails|e-?mails|envois|newsletters?))\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter|lettre d'information|infolettre|liste de diffusion)\b`],
    ],
    reminder: [
      ['rappel', 3, r`\b(rappel|relance|mise en demeure)\b`],
      ['sans-reponse', 3, r`\b(pas|aucune|jamais|sans)\b~\b(reponse|retour)\b`],
      ['de-nouveau', 2, r`\b(a nouveau|de nouveau|une nouvelle fois|une seconde fois|encore une fois)\b`],
      ['delai-depasse', 2.5, r`\b(delai|periode)\b~\b(depasse|expire|ecoule|echu)\w*`],
      [
        'demande-precedente',
        2,
        r`\b(ma|une) (precedente )?(demande|requete)\b~\b(du|en date|envoyee|adressee)\b|\bj'ai (envoye|adresse|fait)\b~\bdemande\b`,
      ],
    ],
    complaint: [
      [
        'deposer-plainte',
        3,
        r`\b(depos\w*|introdui\w*|porte[rz]?|adress\w*|formul\w*)\b~\b(plainte|reclamation)\b`,
      ],
      ['plainte', 1.5, r`\b(plainte|reclamation)\b`],
      ['cnil', 1, r`\b(cnil|autorite de controle|autorite de protection des donnees)\b`],
    ],
    autoreply: [
      ['absent', 4, r`\b(absente?|message d'absence|reponse automatique|en conges?|hors du bureau)\b`],
    ],
  },
  request: r`\b(veuillez|merci de|je (vous )?(demande|prie|sollicite|souhaite|voudrais|exige)|par la presente|s'il vous plait|svp|pourriez-vous|pouvez-vous|j'exerce (mon|le) droit)\b`,
  conditional: r`\b(si|s'ils?(?! vous plait)|au cas ou|dans le cas|je me reserve|sinon|a defaut|faute de|en cas de)\b`,
  rights: r`\bdroits?\b`,
  negation: r`\b(ne|n'|pas|jamais)\b`,
  stopwords: 'je vous les mes la le et pas est moi donnees merci une mon ma du pour sur que',
};

export const ES: LanguageLexicon = {
  lang: 'es',
  phrases: {
    erasure: [
      [
        'borrar+datos',
        3,
        r`\b(borr|elimin|suprim|cancel)\w*\b~\b(datos|cuenta|informacion|perfil|registros)\b`,
        true,
      ],
      [
        'solicito+supresion',
        3,
        r`\b(solicit\w*|pido|exijo|requiero|ejerc\w*)\b~\b(supresion|borrado|eliminacion|cancelacion)\b`,
        true,
      ],
      ['supresion', 1.5, r`\b(supresion|borrado|eliminacion)\b`],
      ['derecho-olvido', 1.5, r`\bderecho (al olvido|de supresion|de cancelacion)\b`],
      ['olvidadme', 3, r`\b(olvidadme|olvidenme|olvidame)\b`, true],
    ],
    access: [
      [
        'solicito+acceso',
        3,
        r`\b(solicit\w*|pido|exijo|requiero|ejerc\w*|quiero|quisiera|deseo)\b~\b(acceso|copia)\b`,
        true,
      ],
      ['acceso', 1.5, r`\bacceso\b`],
      ['copia+datos', 2.5, r`\bcopia\b~\bdatos\b`],
      [
        'que-datos',
        3,
        r`\bque datos (personales )?(tienen|tienes|tratan|guardan|almacenan|conservan)\b`,
        true,
      ],
    ],
    portability: [
      ['portabilidad', 2.5, r`\bportabilidad\b`],
      ['lectura-mecanica', 1.5, r`\b(lectura mecanica|legible por maquina|formato estructurado)\b`],
    ],
    rectification: [
      [
        'dato-erroneo',
        3,
        r`\bmis? (nombre|apellidos?|direccion|correo( electronico)?|fecha de nacimiento|telefono)\b~\b(mal escrit\w*|erroneo\w*|erronea\w*|incorrect\w*|equivocad\w*|no (es|esta) (correct|bien)\w*)|\b(escrit\w* mal|escrit\w* incorrectamente|mal escrit\w*)\b~\bmis? (nombre|apellidos?|direccion)\b`,
        true,
      ],
      ['deberia-ser', 1.5, r`\b(deberia ser|debe ser|se escribe|la (grafia|ortografia) correcta es)\b`],
      ['rectificacion', 2.5, r`\brectific\w*`],
      ['corregir', 2, r`\b(correg\w*|corrij\w*|correccion)\b`],
      [
        'actualizar+datos',
        2.5,
        r`\b(actualiz|modifi|cambi)\w*\b~\b(nombre|apellidos?|direccion|correo|datos|domicilio|telefono|fecha de nacimiento)\b`,
        true,
      ],
      ['inexacto', 1, r`\b(inexact|incorrect|erroneo|incomplet)\w*`],
    ],
    objection: [
      ['me-opongo', 3, r`\bme opongo\b|\bejerzo\b~\boposicion\b`, true],
      ['oposicion', 2, r`\b(oposicion|oponerme|oponga|oponer)\b`],
      [
        'mercadotecnia',
        1.5,
        r`\b(mercadotecnia|marketing directo|publicidad|prospeccion comercial|fines comerciales)\b`,
      ],
      ['perfiles', 0.5, r`\b(elaboracion de perfiles|perfilado)\b`],
      ['retiro-consentimiento', 1, r`\b(retir|revoc)\w*\b~\bconsentimiento\b`],
    ],
    unsubscribe: [
      [
        'darme-de-baja',
        3.5,
        r`\b(dar(me)?|dame|denme|dadme|deme|darse) de baja\b|\bbaja (de|del|en)\b~\b(lista|boletin|newsletter|suscripcion|correos)\b|\b(cancelar|anular)\b (la |mi )?suscripcion\b|\bdesuscrib\w*|\bdesinscrib\w*|\bdesapunt\w*`,
        true,
      ],
      [
        'quitar-lista',
        4,
        r`\b(quit|sac|elimin|borr)\w*\b~\b(de|del)\b (la |su |vuestra |esta )?(lista|listado|boletin|newsletter)\b`,
        true,
      ],
      [
        'no-mas-correos',
        3,
        r`\bno (me )?(envien|enviei?s|mandes|manden|mandeis|envies|envie) mas\b|\bno (quiero|deseo) (seguir )?recibir\b|\bdejen de (enviar|mandar)\w*`,
        true,
      ],
      ['boletin', 1, r`\b(boletin|newsletter|lista de correo)\b`],
    ],
    reminder: [
      ['recordatorio', 3, r`\b(recordatorio|requerimiento|amonestacion)\b`],
      ['sin-respuesta', 3, r`\b(no|ninguna|sin|todavia no|aun no)\b~\b(respuesta|contestacion|repuesta)\b`],
      ['de-nuevo', 2, r`\b(de nuevo|nuevamente|otra vez|por segunda vez)\b`],
      [
        'plazo-vencido',
        2.5,
        r`\b(plazo|periodo)\b~\b(vencido|excedido|expirado|superado|transcurrido|sobrepasado)\b`,
      ],
      [
        'solicitud-anterior',
        2,
        r`\b(mi|una) (solicitud|peticion|consulta|correo) (anterior|previa|del|de fecha|enviada)\b|\b(envie|remiti|presente)\b~\b(solicitud|peticion)\b`,
      ],
    ],
    complaint: [
      [
        'presentar-reclamacion',
        3,
        r`\b(present\w*|interpon\w*|formul\w*|pongo)\b~\b(reclamacion|queja|denuncia)\b`,
      ],
      ['reclamacion', 1.5, r`\b(reclamacion|queja|denuncia)\b`],
      [
        'aepd',
        1,
        r`\b(aepd|agencia espanola de proteccion de datos|autoridad de (control|proteccion de datos))\b`,
      ],
    ],
    autoreply: [
      ['fuera-oficina', 4, r`\b(fuera de (la )?oficina|respuesta automatica|ausente|de vacaciones)\b`],
    ],
  },
  request: r`\b(solicito|por favor|les? (pido|ruego|solicito)|por (la|el|medio de la) presente|mediante (la|el) presente|quiero|quisiera|deseo|exijo|ruego|pido|estoy solicitando|ejerzo (mi|el) derecho)\b`,
  conditional: r`\b(si|en caso de|me reservo|de lo contrario|en su defecto|en caso contrario|salvo que|a menos que)\b`,
  rights: r`\bderechos?\b`,
  negation: r`\b(no|nunca|jamas|ni)\b`,
  stopwords: 'los las mis el por favor que datos con una del su estoy usted ustedes para mi me',
};

export const IT: LanguageLexicon = {
  lang: 'it',
  phrases: {
    erasure: [
      [
        'cancellare+dati',
        3,
        r`\b(cancell|elimin|rimuov|rimozion|distrugg)\w*\b~\b(dati|account|profilo|informazioni)\b`,
        true,
      ],
      [
        'richiesta+cancellazione',
        3,
        r`\b(chied|richied|richiest|esig|pretend)\w*\b~\b(cancellazione|eliminazione|rimozione)\b`,
        true,
      ],
      ['cancellazione', 1.5, r`\b(cancellazione|eliminazione)\b`],
      ['oblio', 1.5, r`\b(diritto all'oblio|diritto alla cancellazione)\b`],
      ['dimenticatemi', 3, r`\bdimenticatemi\b`, true],
    ],
    access: [
      [
        'richiesta+accesso',
        3,
        r`\b(chied|richied|richiest|esercit|vorrei|desider)\w*\b~\b(accesso|copia)\b`,
        true,
      ],
      ['accesso', 1.5, r`\baccesso\b`],
      ['copia+dati', 2.5, r`\bcopia\b~\bdati\b`],
      ['quali-dati', 3, r`\bquali (dati|informazioni)\b`, true],
    ],
    portability: [
      ['portabilita', 2.5, r`\bportabilita\b`],
      ['leggibile', 1.5, r`\bleggibile da\b~\b(dispositivo automatico|macchina)\b|\bformato strutturato\b`],
    ],
    rectification: [
      [
        'dato-errato',
        3,
        r`\b(il )?mio (nome|cognome|indirizzo|indirizzo e-?mail|numero di telefono)|\bla mia (data di nascita|e-?mail)\b~\b(scritt[oa] male|sbagliat\w*|errat\w*|non (e )?corrett\w*|inesatt\w*)|\b(scritto male|scritto in modo (errato|sbagliato))\b~\b(il )?mio (nome|cognome|indirizzo)\b`,
        true,
      ],
      ['dovrebbe-essere', 1.5, r`\b(dovrebbe essere|deve essere|si scrive|la grafia corretta e)\b`],
      ['rettifica', 2.5, r`\brettific\w*`],
      ['correggere', 2, r`\b(corregg\w*|correzione)\b`],
      [
        'aggiornare+dati',
        2.5,
        r`\b(aggiorn|modific|cambi)\w*\b~\b(nome|cognome|indirizzo|e-?mail|dati|telefono|data di nascita)\b`,
        true,
      ],
      ['inesatto', 1, r`\b(inesatt|errat|incomplet|sbagliat)\w*`],
    ],
    objection: [
      ['mi-oppongo', 3, r`\bmi oppongo\b|\besercit\w*\b~\bopposizione\b`, true],
      ['opposizione', 2, r`\b(opposizione|opporsi|oppormi|obiezione)\b`],
      [
        'marketing',
        1.5,
        r`\b(marketing diretto|pubblicita|finalita (di )?marketing|scopi di marketing|comunicazioni commerciali)\b`,
      ],
      ['profilazione', 0.5, r`\bprofilazione\b`],
      ['revoca-consenso', 1, r`\brevoc\w*\b~\bconsenso\b`],
    ],
    unsubscribe: [
      [
        'disiscrivere',
        3,
        r`\b(disiscriv\w*|disiscrizione|cancellami|cancellatemi|toglimi|toglietemi|rimuovimi|rimuovetemi|disabbon\w*)`,
        true,
      ],
      [
        'annulla-iscrizione',
        3.5,
        r`\b(annull|cancell)\w*\b~\b(iscrizione|abbonamento)\b|\bdalla (vostra |tua |sua )?(lista|mailing ?list|newsletter)\b`,
        true,
      ],
      [
        'non-ricevere',
        3,
        r`\bnon (voglio|desidero) (piu )?ricevere\b|\bnon (mi )?(inviate|mandate|scrivete) piu\b|\bsmettete di (inviar|mandar|scriver)\w*`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter|mailing ?list)\b`],
    ],
    reminder: [
      ['sollecito', 3, r`\b(sollecit\w*|promemoria|diffida|ammonizione)\b`],
      ['nessuna-risposta', 3, r`\b(nessuna|non ho ricevuto|non ho ancora ricevuto|senza)\b~\brispost\w*`],
      ['nuovamente', 2, r`\b(nuovamente|di nuovo|ancora una volta|per la seconda volta)\b`],
      ['termine-scaduto', 2.5, r`\b(termine|periodo)\b~\b(scaduto|superato|decorso|trascorso|spirato)\b`],
      [
        'richiesta-precedente',
        2,
        r`\b(la mia|una) (precedente )?(richiesta|email|lettera)\b~\b(del|inviata|datata|in data)\b|\bho inviato\b~\brichiesta\b|\bvi ho (inviato|inoltrato)\b`,
      ],
    ],
    complaint: [
      [
        'presentare-reclamo',
        3,
        r`\b(present|propong|propon|inoltr|sporg)\w*\b~\b(reclamo|denuncia|segnalazione)\b`,
      ],
      ['reclamo', 1.5, r`\b(reclamo|denuncia)\b`],
      [
        'garante',
        1,
        r`\b(garante (per la protezione dei dati personali|della privacy|privacy)|autorita di controllo)\b`,
      ],
    ],
    autoreply: [
      ['fuori-ufficio', 4, r`\b(fuori ufficio|risposta automatica|assente|in ferie|non sono in ufficio)\b`],
    ],
  },
  request: r`\b(chiedo|richiedo|vi chiedo|le chiedo|vi prego|la prego|per favore|per cortesia|con la presente|vorrei|desidero|pregasi|si prega|esercito (il )?(mio )?diritto)\b`,
  conditional: r`\b(se|qualora|nel caso|in caso|mi riservo|altrimenti|in caso contrario|salvo)\b`,
  rights: r`\bdiritt\w*`,
  negation: r`\b(non|mai)\b`,
  stopwords: 'il gli miei della dei che dati non una per sono con alla vostra questo mio di',
};

export const PT: LanguageLexicon = {
  lang: 'pt',
  phrases: {
    erasure: [
      [
        'apagar+dados',
        3,
        r`\b(apag|elimin|exclu|remov|suprim|destru)\w*\b~\b(dados|conta|informac\w*|perfil|registos|registros)\b`,
        true,
      ],
      [
        'solicito+apagamento',
        3,
        r`\b(solicit|requer|pec|exij|exerc)\w*\b~\b(apagamento|eliminacao|exclusao|remocao|supressao)\b`,
        true,
      ],
      ['apagamento', 1.5, r`\b(apagamento|eliminacao|exclusao|supressao)\b`],
      ['esquecimento', 1.5, r`\bdireito (ao|a|de) (esquecimento|apagamento|ser esquecido)\b`],
      ['esquecam-me', 3, r`\b(esquecam-me|esqueca-me|esquece-me)\b`, true],
    ],
    access: [
      [
        'solicito+acesso',
        3,
        r`\b(solicit|requer|pec|exij|exerc|gostaria|quero|desejo)\w*\b~\b(acesso|copia)\b`,
        true,
      ],
      ['acesso', 1.5, r`\bacesso\b`],
      ['copia+dados', 2.5, r`\bcopia\b~\bdados\b`],
      [
        'quais-dados',
        3,
        r`\b(quais|que) (sao os |os )?dados\b~\b(tem|possuem|tratam|guardam|armazenam|detem)\b`,
        true,
      ],
    ],
    portability: [
      ['portabilidade', 2.5, r`\bportabilidade\b`],
      ['leitura-automatica', 1.5, r`\b(leitura automatica|legivel por maquina|formato estruturado)\b`],
    ],
    rectification: [
      [
        'dado-errado',
        3,
        r`\b(o )?meu (nome|apelido|sobrenome|endereco|e-?mail|numero de telefone)|\ba minha (morada|data de nascimento)\b~\b(mal escrit\w*|errad\w*|incorret\w*|incorrect\w*|errone\w*|nao (esta )?corret\w*)|\b(escrit\w* mal|mal escrit\w*)\b~\b(o )?meu (nome|apelido|sobrenome)\b`,
        true,
      ],
      ['deveria-ser', 1.5, r`\b(deveria ser|deve ser|escreve-se|a grafia correta e)\b`],
      ['retificacao', 2.5, r`\b(retific|rectific)\w*`],
      ['corrigir', 2, r`\b(corrig\w*|correcao|correccao)\b`],
      [
        'atualizar+dados',
        2.5,
        r`\b(atualiz|actualiz|alter|modific)\w*\b~\b(nome|morada|endereco|e-?mail|dados|telefone|data de nascimento)\b`,
        true,
      ],
      ['inexato', 1, r`\b(inexat|incorret|incorrect|errad|incomplet|desatualiz)\w*`],
    ],
    objection: [
      ['oponho', 3, r`\b(oponho-me|me oponho|oponho|opor-me)\b|\bexer\w*\b~\bdireito de oposicao\b`, true],
      ['oposicao', 2, r`\b(oposicao|opor|objecao|objeccao)\b`],
      [
        'marketing',
        1.5,
        r`\b(marketing direto|marketing directo|publicidade|mercadotecnia|fins comerciais|comunicacoes comerciais)\b`,
      ],
      ['perfis', 0.5, r`\b(definicao de perfis|perfilagem|criacao de perfis)\b`],
      ['retirar-consentimento', 1, r`\b(retir|revog)\w*\b~\bconsentimento\b`],
    ],
    unsubscribe: [
      [
        'cancelar-subscricao',
        3.5,
        r`\b(cancel|anul|termin)\w*\b~\b(subscricao|assinatura|inscricao)\b|\bdescadastr\w*|\bdesinscrev\w*|\bdesassin\w*|\bsair da (lista|newsletter|mailing)`,
        true,
      ],
      [
        'remover-lista',
        4,
        r`\b(remov|retir|tir|exclu|apag)\w*(-me)?\b~\b(da|desta|de|do)\b (sua |vossa |vosso )?(lista|listas|newsletter|mailing)\b`,
        true,
      ],
      [
        'nao-receber',
        3,
        r`\bnao (quero|desejo) (mais )?receber\b|\bparem de (me )?(enviar|mandar)\b|\bnao (me )?(enviem|mandem) mais\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter|boletim|lista de (e-?mails|correio|distribuicao))\b`],
    ],
    reminder: [
      ['lembrete', 3, r`\b(lembrete|advertencia|interpelacao|insistencia)\b`],
      ['sem-resposta', 3, r`\b(nao|sem|nenhuma|ainda nao)\b~\bresposta\b`],
      ['novamente', 2, r`\b(novamente|de novo|mais uma vez|pela segunda vez)\b`],
      [
        'prazo-excedido',
        2.5,
        r`\b(prazo|periodo)\b~\b(excedido|expirado|ultrapassado|decorrido|esgotado|terminou)\b`,
      ],
      [
        'pedido-anterior',
        2,
        r`\b(o meu|um|meu) (pedido|requerimento|e-?mail)\b~\b(anterior|datado|enviado em)\b|\b(enviei|apresentei|fiz)\b~\b(pedido|requerimento|solicitacao)\b`,
      ],
    ],
    complaint: [
      [
        'apresentar-reclamacao',
        3,
        r`\b(apresent|interpo|formul|registr)\w*\b~\b(reclamacao|queixa|denuncia)\b`,
      ],
      ['reclamacao', 1.5, r`\b(reclamacao|queixa|denuncia)\b`],
      [
        'cnpd',
        1,
        r`\b(cnpd|anpd|autoridade (de controlo|de controle|supervisora|nacional de protecao de dados))\b`,
      ],
    ],
    autoreply: [['fora-escritorio', 4, r`\b(fora do escritorio|resposta automatica|ausente|de ferias)\b`]],
  },
  request: r`\b(solicito|requeiro|por favor|peco|venho por este meio|por meio desta|pela presente|gostaria|quero|desejo|exijo|solicitamos|exerco o (meu )?direito)\b`,
  conditional: r`\b(se|caso|reservo-me|reservo o direito|caso contrario|a menos que|salvo se)\b`,
  rights: r`\bdireitos?\b`,
  negation: r`\b(nao|nunca|jamais|nem)\b`,
  stopwords: 'os meus que nao dados por com uma para meu minha voces sobre este ao sao do da',
};

export const RO: LanguageLexicon = {
  lang: 'ro',
  phrases: {
    erasure: [
      [
        'stergere+date',
        3,
        r`\b(sterge|sterg|elimin|distrug)\w*\b~\b(date\w*|cont\w*|profil\w*|informati\w*)\b`,
        true,
      ],
      ['solicit+stergere', 3, r`\b(solicit\w*|cer|pretind)\b~\b(stergere\w*|eliminare\w*)`, true],
      ['stergere', 1.5, r`\b(stergere\w*|eliminare\w*)`],
      ['dreptul-uitare', 1.5, r`\bdreptul (de a fi uitat|la stergere\w*)`],
    ],
    access: [
      ['solicit+acces', 3, r`\b(solicit\w*|cer|doresc|as dori)\b~\b(acces\w*|copi\w*|informati\w*)`, true],
      ['acces', 1.5, r`\bacces\w*`],
      ['copie+date', 2.5, r`\bcopi\w*\b~\bdate\w*`],
      ['ce-date', 3, r`\bce date (personale )?(detineti|prelucrati|aveti|stocati)\b`, true],
    ],
    portability: [
      ['portabilitate', 2.5, r`\bportabilitat\w*`],
      ['citit-automat', 1.5, r`\b(citit automat|lizibil automat|format structurat)\b`],
    ],
    rectification: [
      [
        'date-gresite',
        3,
        r`\b(numele|prenumele|adresa|adresa de e-?mail|data de nastere|numarul de telefon) (meu|mea)\b~\b(gresit\w*|incorect\w*|eronat\w*|inexact\w*)|\bscris\w* gresit\b~\b(numele|prenumele) meu\b`,
        true,
      ],
      ['ar-trebui', 1.5, r`\bar trebui sa fie\b|\bcorect (este|e|se scrie)\b`],
      ['rectificare', 2.5, r`\brectific\w*|\bcorect(are|area|ati|eze|ez)\b`],
      [
        'actualizare+date',
        2,
        r`\b(actualiz|modific|schimb)\w*\b~\b(nume|adres\w*|e-?mail\w*|date\w*|telefon\w*)`,
        true,
      ],
      ['inexacte', 1, r`\b(inexact|incorect|gresit|incomplet)\w*`],
    ],
    objection: [
      ['ma-opun', 3, r`\bma opun\b|\bexercit\b~\bdreptul de opozitie\b`, true],
      ['opozitie', 2, r`\b(opozitie|opozitia|opune)\b`],
      ['marketing', 1.5, r`\b(marketing direct|publicitate|scopuri de marketing)\b`],
      ['profilare', 0.5, r`\b(profilare|creare de profiluri)\b`],
      ['retragere-consimtamant', 1, r`\b(retrag|revoc)\w*\b~\bconsimtamant\w*`],
    ],
    unsubscribe: [
      ['dezabonare', 3.5, r`\bdezabon\w*|\bscoate\w*(-ma)?\b~\b(lista|listele|newsletter)`, true],
      [
        'nu-mai-vreau',
        3,
        r`\bnu (mai )?(doresc|vreau) sa (mai )?primesc\b|\bnu-mi mai trimiteti\b|\bnu imi mai trimiteti\b|\bincetati sa (imi )?trimiteti\b`,
        true,
      ],
      ['newsletter', 1, r`\b(newsletter\w*|buletin informativ)\b`],
    ],
    reminder: [
      ['reamintire', 3, r`\b(reamintire|memento|somatie|revin cu)\b`],
      ['fara-raspuns', 3, r`\b(nu am primit|fara|niciun)\b~\braspuns\w*`],
      ['din-nou', 2, r`\b(din nou|inca o data|a doua oara)\b`],
      ['termen-depasit', 2.5, r`\b(termen\w*|perioada)\b~\b(depasit\w*|expirat|scurs|implinit)\b`],
      ['cerere-anterioara', 2, r`\bam (trimis|transmis|depus|inaintat)\b~\b(cerere|solicitare)\w*`],
    ],
    complaint: [
      ['depun-plangere', 3, r`\b(depun|depune|depunerea|inaintez|formulez)\b~\bplanger\w*`],
      ['plangere', 1.5, r`\bplanger\w*`],
      ['anspdcp', 1, r`\b(anspdcp|autoritat\w* (nationala )?de supraveghere)`],
    ],
    autoreply: [['in-afara-biroului', 4, r`\b(in afara biroului|raspuns automat|in concediu)\b`]],
  },
  request: r`\b(solicit|va rog|prin prezenta|doresc|cer|vreau|as dori|va solicit|imi exercit dreptul)\b`,
  conditional: r`\b(daca|in cazul|imi rezerv|in caz contrar|altfel|cu exceptia)\b`,
  rights: r`\bdrept\w*`,
  negation: r`\b(nu|niciodata|nici)\b`,
  stopwords: 'si nu ma mele meu datelor cu pe va rog este pentru care sunt date personale dumneavoastra',
};
