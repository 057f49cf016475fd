// After the consumer's build: the kit really ran on the one pair the backend computes, and skipped
// every other test only through the capability hook (or C9, which has no peer backend here).
def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
assert !reports.isEmpty() : 'no surefire reports'
def ran = [:].withDefault { 0 }
def badSkips = []
reports.each { file ->
  new groovy.xml.XmlSlurper().parse(file).testcase.each { tc ->
    String clause = tc.@classname.text().tokenize('$').last()
    assert tc.failure.isEmpty() && tc.error.isEmpty() : "${clause} ${tc.@name} failed"
    if (tc.skipped.isEmpty()) {
      ran[clause]++
    } else {
      String why = tc.skipped.text() + tc.skipped.@message.text()
      if (!why.contains('supports(Pair)') && !(clause.startsWith('C9') && why.contains('no backend other than'))) {
        badSkips << "${clause} ${tc.@name}: ${why.readLines().first()}"
      }
    }
  }
}
println "kit tests run per clause: ${ran}"
assert badSkips.isEmpty() : "skipped for another reason than supports(Pair): ${badSkips.take(5)}"
['C1', 'C2', 'C4', 'C5', 'C6', 'C7', 'C8'].each { c ->
  assert ran.keySet().any { it.startsWith(c) } : "no ${c} test ran on identity + squared-error"
}
return true
