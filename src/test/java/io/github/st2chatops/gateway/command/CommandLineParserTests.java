package io.github.st2chatops.gateway.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineParserTests {

	/**
	 * Each line read with a prefix, addressed to the bot or not; the outcome is written
	 * as the record prints itself.
	 */
	@ParameterizedTest(name = "{0}: \"{2}\" with prefix \"{1}\", addressed {3}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a prefixed line loses its prefix                         | '!st2' | '!st2 deploy web'          | false | Alias[line=deploy web, explicit=true]
					a prefixed line loses its prefix                         | '!st2' | '  !st2   deploy web  '    | false | Alias[line=deploy web, explicit=true]
					a line neither prefixed nor addressed is not for us      | '!st2' | 'deploy web'               | false | NotForUs[]
					a line neither prefixed nor addressed is not for us      | '!st2' | '!st2deploy web'           | false | NotForUs[]
					a line neither prefixed nor addressed is not for us      | '!st2' | '!st2x help'               | false | NotForUs[]
					an addressed line needs no prefix                        | '!st2' | 'deploy web'               | true  | Alias[line=deploy web, explicit=true]
					help glued to the prefix is help                         | '!st2' | '!st2help'                 | false | Help[arguments=, explicit=true]
					help glued to the prefix is help                         | '!st2' | '!st2help deploy pack=ops' | false | Help[arguments=deploy pack=ops, explicit=true]
					help glued to the prefix is help                         | '!st2' | '!st2 help'                | false | Help[arguments=, explicit=true]
					the prefix alone is help                                 | '!st2' | '!st2'                     | false | Help[arguments=, explicit=true]
					match is a dry run                                       | '!st2' | '!st2 match deploy web'    | false | DryRun[line=deploy web, explicit=true]
					a word that only starts like a built-in is an alias line | '!st2' | '!st2 helpdesk open'       | false | Alias[line=helpdesk open, explicit=true]
					a word that only starts like a built-in is an alias line | '!st2' | '!st2 matchmaker'          | false | Alias[line=matchmaker, explicit=true]
					in bare mode every line is tried quietly                 | ''     | 'deploy web'               | false | Alias[line=deploy web, explicit=false]
					in bare mode every line is tried quietly                 | ''     | 'help'                     | false | Help[arguments=, explicit=false]
					in bare mode every line is tried quietly                 | ''     | ''                         | false | NotForUs[]
					in bare mode every line is tried quietly                 | ''     | 'deploy web'               | true  | Alias[line=deploy web, explicit=true]
					""")
	void parseShouldReadTheLineAsTheRuleSays(String rule, String prefix, String text, boolean addressed,
			String outcome) {
		assertThat(new CommandLineParser(prefix).parse(text, addressed)).hasToString(outcome);
	}

}
